namespace Monitor.Grains.Alerting;

/// <summary>Every silence (key 0), written through; expired silences are kept for a while, then dropped.</summary>
[Alias("monitor.ISilencesGrain")]
public interface ISilencesGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the silence, or refuses it past the caps on silences not yet expired and on duration.</summary>
    [Alias("TryCreate")]
    Task<SilenceCreation> TryCreate(Silence silence);

    [Alias("GetSilences")]
    Task<SilenceSet> GetSilences();

    [Alias("GetIfChanged")]
    Task<SilenceSet?> GetIfChanged(long version);

    /// <summary>Ends the silence now; false when there is no such silence.</summary>
    [Alias("Expire")]
    Task<bool> Expire(string id);
}

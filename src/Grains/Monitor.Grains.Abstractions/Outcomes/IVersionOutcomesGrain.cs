namespace Monitor.Grains.Outcomes;

/// <summary>A model version's ground truth and business events, and what it contributes to A/B comparisons.</summary>
[Alias("monitor.IVersionOutcomesGrain")]
public interface IVersionOutcomesGrain : IGrainWithStringKey
{
    /// <summary>Joins labels sent for this version; labels whose prediction has not arrived wait (bounded).</summary>
    [Alias("JoinLabels")]
    Task<LabelJoinCounts> JoinLabels(LabelBatch labels);

    /// <summary>Joins what this version holds of labels sent for the whole model, answering per label; nothing waits here.</summary>
    [Alias("MatchLabels")]
    Task<JoinMatch[]> MatchLabels(LabelBatch labels);

    /// <summary>Counts business events sent for this version.</summary>
    [Alias("RecordEvents")]
    Task<EventJoinCounts> RecordEvents(EventBatch events);

    /// <summary>Counts the events of a model-wide request whose prediction this version holds, answering per event.</summary>
    [Alias("MatchEvents")]
    Task<JoinMatch[]> MatchEvents(EventBatch events);

    /// <summary>Sufficient statistics of the last N minutes for an A/B comparison, with the drift verdict evaluated now.</summary>
    [Alias("GetSample")]
    Task<VersionSample> GetSample(int minutes);
}

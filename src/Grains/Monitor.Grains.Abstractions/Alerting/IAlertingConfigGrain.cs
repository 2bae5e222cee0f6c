namespace Monitor.Grains.Alerting;

/// <summary>Channels (with their secrets), routes and inhibit rules (key 0), written through.</summary>
[Alias("monitor.IAlertingConfigGrain")]
public interface IAlertingConfigGrain : IGrainWithIntegerKey
{
    [Alias("GetConfig")]
    Task<AlertingConfig> GetConfig();

    [Alias("GetIfChanged")]
    Task<AlertingConfig?> GetIfChanged(long version);

    /// <summary>
    /// Creates or updates a channel. Secret fields left null keep their stored values, so a channel can
    /// be changed without sending its secrets again.
    /// </summary>
    [Alias("PutChannel")]
    Task<ChangeResult> PutChannel(ChannelConfig channel, bool createOnly);

    [Alias("DeleteChannel")]
    Task<ChangeResult> DeleteChannel(string name);

    [Alias("PutRouting")]
    Task<ChangeResult> PutRouting(AlertRouting routing);
}

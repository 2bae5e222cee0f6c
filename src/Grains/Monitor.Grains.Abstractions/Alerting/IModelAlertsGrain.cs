namespace Monitor.Grains.Alerting;

/// <summary>
/// The alerts of one model (key: the model name): the versions' grains send their firing and resolved
/// alerts here. It deduplicates them by fingerprint, marks those silenced or inhibited, keeps a bounded
/// history, and passes them on to the group grains their routes choose.
/// </summary>
[Alias("monitor.IModelAlertsGrain")]
public interface IModelAlertsGrain : IGrainWithStringKey
{
    [Alias("Receive")]
    Task Receive(AlertUpdate[] updates);

    /// <summary>Alerts firing now.</summary>
    [Alias("GetAlerts")]
    Task<ActiveAlert[]> GetAlerts();

    /// <summary>Recent events, newest first.</summary>
    [Alias("GetHistory")]
    Task<AlertEvent[]> GetHistory();

    /// <summary>Wakes the grain (after a restart) so it checks alerts not re-sent in time with their versions and resumes its groups' deliveries.</summary>
    [Alias("Resume")]
    Task Resume();
}

namespace Monitor.Grains.Alerting;

/// <summary>
/// One aggregation group (key: route name and the fingerprint of the group labels): Alertmanager's
/// group_wait, group_interval and repeat_interval, the notification log per channel, and the pending
/// notifications, persisted before they are handed to delivery.
/// </summary>
[Alias("monitor.IAlertGroupGrain")]
public interface IAlertGroupGrain : IGrainWithStringKey
{
    [Alias("Receive")]
    Task Receive(GroupUpdate update);

    /// <summary>The outcome of a notification, from delivery.</summary>
    [Alias("Settle")]
    Task Settle(string channel, string notificationId, DeliveryOutcome outcome);

    [Alias("GetGroup")]
    Task<AlertGroupView> GetGroup();

    [Alias("Resume")]
    Task Resume();
}

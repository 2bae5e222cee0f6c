namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// Takes notifications for delivery and returns at once; the outcome is reported to the notification's
/// group grain (<see cref="IAlertGroupGrain.Settle"/>). A newer notification of the same group and
/// channel replaces one not yet delivered.
/// </summary>
public interface INotificationDispatcher
{
    void Dispatch(Notification notification);
}

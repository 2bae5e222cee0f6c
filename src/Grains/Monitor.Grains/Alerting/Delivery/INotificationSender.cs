namespace Monitor.Grains.Alerting.Delivery;

/// <summary>Sends a notification over one kind of channel. One attempt; delivery decides about retries.</summary>
public interface INotificationSender
{
    ChannelKind Kind { get; }

    Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken);
}

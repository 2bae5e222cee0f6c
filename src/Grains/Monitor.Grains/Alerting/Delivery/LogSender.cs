using Microsoft.Extensions.Logging;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>The built-in channel: one log line per notification, one more per alert.</summary>
public sealed partial class LogSender(ILogger<LogSender> logger) : INotificationSender
{
    public ChannelKind Kind => ChannelKind.Log;

    public Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken)
    {
        LogNotification(logger, NotificationText.Title(notification), notification.GroupKey, channel.Name, notification.Alerts.Length);
        foreach (var alert in notification.Alerts)
        {
            LogAlert(logger, NotificationText.Line(alert));
        }

        return Task.FromResult(DeliveryAttempt.Delivered);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert notification {Title} (group {GroupKey}, channel {Channel}, {Count} alerts)")]
    private static partial void LogNotification(ILogger logger, string title, string groupKey, string channel, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "  {Alert}")]
    private static partial void LogAlert(ILogger logger, string alert);
}

using Prometheus;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// <c>notifications_total{channel,result}</c>. Results: success, failure (given up), retry (an attempt
/// failed and another follows), dropped (the channel no longer exists), superseded (a newer notification
/// of the group replaced it). Channel names are a capped set: past the cap they count as "other".
/// </summary>
public sealed class NotificationMetrics
{
    public const int MaxChannelLabels = 64;

    private static readonly Counter Notifications = Prometheus.Metrics.CreateCounter(
        "notifications_total", "Alert notifications by channel and outcome", "channel", "result");

    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);

    public void Count(string channel, string result)
    {
        lock (_channels)
        {
            if (!_channels.Contains(channel))
            {
                if (_channels.Count >= MaxChannelLabels)
                {
                    channel = "other";
                }
                else
                {
                    _channels.Add(channel);
                }
            }
        }

        Notifications.WithLabels(channel, result).Inc();
    }
}

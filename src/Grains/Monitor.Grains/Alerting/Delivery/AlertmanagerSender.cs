using System.Text.Json;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// Forwards alerts to a Prometheus Alertmanager (<c>POST /api/v2/alerts</c>), as Prometheus does: firing
/// alerts are re-sent while they fire, each valid for a few resend intervals (<c>endsAt</c> ahead), and a
/// resolved alert is sent with its real <c>endsAt</c>.
/// </summary>
public sealed class AlertmanagerSender(NotificationHttp http, TimeProvider time) : INotificationSender
{
    public ChannelKind Kind => ChannelKind.Alertmanager;

    public static List<Dictionary<string, object>> Payload(Notification notification, DateTimeOffset now) =>
    [
        .. notification.Alerts.Select(a => new Dictionary<string, object>
        {
            ["labels"] = a.Labels.ToDictionary(),
            ["annotations"] = a.Annotations.ToDictionary(),
            ["startsAt"] = NotificationText.Rfc3339(a.StartsAt),
            ["endsAt"] = NotificationText.Rfc3339(a.EndsAt ?? now + notification.ForwardValidity),
            ["generatorURL"] = a.GeneratorUrl ?? "",
        }),
    ];

    public async Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(notification, time.GetUtcNow()));
        var (status, _) = await http.PostJsonAsync(channel.Url!.TrimEnd('/') + "/api/v2/alerts", body, cancellationToken).ConfigureAwait(false);
        return DeliveryAttempt.FromStatus(status);
    }
}

using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>A generic webhook: Alertmanager's webhook JSON posted to the channel's URL; any 2xx is delivered.</summary>
public sealed class WebhookSender(NotificationHttp http, IOptions<AlertingOptions> options) : INotificationSender
{
    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken)
    {
        var body = WebhookPayload.From(notification, options.Value.ExternalUrl).ToUtf8();
        var (status, _) = await http.PostJsonAsync(channel.Url!, body, cancellationToken).ConfigureAwait(false);
        return DeliveryAttempt.FromStatus(status);
    }
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Grains.Drift;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// A Slack incoming webhook: a text fallback and Block Kit blocks (a header, a section per alert, up to
/// ten, and a context line). Slack answers 200 with the body "ok" on success; anything else is not.
/// </summary>
public sealed class SlackSender(NotificationHttp http, IOptions<AlertingOptions> options) : INotificationSender
{
    private const int MaxAlertBlocks = 10;

    public ChannelKind Kind => ChannelKind.Slack;

    public static Dictionary<string, object> Payload(Notification notification, string externalUrl)
    {
        var title = NotificationText.Title(notification);
        var blocks = new List<object>
        {
            new Dictionary<string, object>
            {
                ["type"] = "header",
                ["text"] = new Dictionary<string, object> { ["type"] = "plain_text", ["text"] = title.Length > 150 ? title[..150] : title },
            },
        };
        foreach (var alert in notification.Alerts.Take(MaxAlertBlocks))
        {
            var icon = alert.IsResolved ? ":white_check_mark:" : alert.Labels["severity"] == "critical" ? ":red_circle:" : ":warning:";
            var text = $"{icon} *{alert.Labels["alertname"]}* {alert.Labels["model"]}/{alert.Labels["version"]}\n{alert.Annotations["summary"] ?? ""}";
            if (alert.Annotations[DriftedFeatureAnnotations.Names] is { } drifted)
            {
                text += $"\nDrifted features: {drifted}";
            }

            if (alert.Annotations["runbook_url"] is { } runbook)
            {
                text += $"\n<{runbook}|Runbook>";
            }

            blocks.Add(new Dictionary<string, object>
            {
                ["type"] = "section",
                ["text"] = new Dictionary<string, object> { ["type"] = "mrkdwn", ["text"] = text.Length > 3000 ? text[..3000] : text },
            });
        }

        var more = notification.Alerts.Length - MaxAlertBlocks;
        blocks.Add(new Dictionary<string, object>
        {
            ["type"] = "context",
            ["elements"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["type"] = "mrkdwn",
                    ["text"] = (more > 0 ? $"and {more} more · " : "") + $"<{externalUrl}|Monitor> · group {notification.GroupKey}",
                },
            },
        });
        return new Dictionary<string, object>
        {
            ["text"] = title + "\n" + string.Join("\n", notification.Alerts.Select(NotificationText.Line)),
            ["blocks"] = blocks,
        };
    }

    public async Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(notification, options.Value.ExternalUrl));
        var (status, answer) = await http.PostJsonAsync(channel.Url!, body, cancellationToken).ConfigureAwait(false);
        if (status == 200)
        {
            return answer.Trim() == "ok" ? DeliveryAttempt.Delivered : DeliveryAttempt.Fail("HTTP 200 without \"ok\"");
        }

        return DeliveryAttempt.FromStatus(status) is { Success: true } ? DeliveryAttempt.Fail($"HTTP {status} without \"ok\"") : DeliveryAttempt.FromStatus(status);
    }
}

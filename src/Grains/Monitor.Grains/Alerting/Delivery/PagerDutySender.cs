using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// PagerDuty Events API v2: a trigger while the group has firing alerts, a resolve once none fire,
/// both with the same dedup_key (the SHA-256 of the group key, as Alertmanager computes it), so
/// PagerDuty keeps one incident per group.
/// </summary>
public sealed class PagerDutySender(NotificationHttp http, IOptions<AlertingOptions> options) : INotificationSender
{
    public const string DefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    public ChannelKind Kind => ChannelKind.PagerDuty;

    public static string DedupKey(string groupKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)));

    /// <summary>The group's most severe firing alert, in PagerDuty's terms; "error" for a severity Monitor does not define.</summary>
    public static string Severity(Notification notification)
    {
        var severities = notification.Firing.Select(a => a.Labels["severity"]).ToList();
        return severities.Contains("critical") ? "critical"
            : severities.Contains("warning") ? "warning"
            : severities.Count > 0 && severities.All(s => s == "info") ? "info"
            : "error";
    }

    public static Dictionary<string, object> Payload(ChannelConfig channel, Notification notification, string externalUrl)
    {
        var event_ = new Dictionary<string, object>
        {
            ["routing_key"] = channel.RoutingKey!,
            ["dedup_key"] = DedupKey(notification.GroupKey),
        };
        if (notification.Status == "resolved")
        {
            event_["event_action"] = "resolve";
            return event_;
        }

        var firing = notification.Firing.ToList();
        var summary = NotificationText.Title(notification) + " " + string.Join("; ", firing.Select(a => a.Annotations["summary"] ?? a.Labels["alertname"]));
        event_["event_action"] = "trigger";
        event_["client"] = "Monitor";
        event_["client_url"] = externalUrl;
        event_["payload"] = new Dictionary<string, object>
        {
            ["summary"] = summary.Length > 1024 ? summary[..1024] : summary,
            ["source"] = "monitor",
            ["severity"] = Severity(notification),
            ["timestamp"] = NotificationText.Rfc3339(firing.Min(a => a.StartsAt)),
            ["component"] = notification.GroupLabels["model"] ?? firing[0].Labels["model"] ?? "",
            ["group"] = notification.GroupKey,
            ["class"] = firing[0].Labels["alertname"] ?? "",
            ["custom_details"] = new Dictionary<string, object>
            {
                ["firing"] = string.Join("\n", firing.Select(NotificationText.Line)),
                ["num_firing"] = firing.Count,
                ["num_resolved"] = notification.Resolved.Count(),
            },
        };
        return event_;
    }

    public async Task<DeliveryAttempt> SendAsync(ChannelConfig channel, Notification notification, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Payload(channel, notification, options.Value.ExternalUrl));
        var (status, _) = await http.PostJsonAsync(channel.Url ?? DefaultUrl, body, cancellationToken).ConfigureAwait(false);
        return DeliveryAttempt.FromStatus(status);
    }
}

using System.Globalization;
using System.Text;
using Monitor.Grains.Drift;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>The human-readable parts of a notification, shared by Slack, email, PagerDuty and the log.</summary>
public static class NotificationText
{
    /// <summary>Alertmanager's default title: <c>[FIRING:2] value value ...</c> of the group labels.</summary>
    public static string Title(Notification notification)
    {
        var status = notification.Status == "firing" ? $"FIRING:{notification.Firing.Count()}" : "RESOLVED";
        var labels = string.Join(" ", notification.GroupLabels.Pairs.Select(p => p.Value));
        return labels.Length == 0 ? $"[{status}]" : $"[{status}] {labels}";
    }

    public static string Line(GroupAlert alert)
    {
        var summary = alert.Annotations["summary"] ?? alert.Labels["alertname"] ?? alert.Fingerprint;
        var state = alert.IsResolved ? "resolved" : "firing";
        return $"{state}: {summary} ({alert.Labels})";
    }

    public static string Body(Notification notification, string externalUrl)
    {
        var text = new StringBuilder();
        text.AppendLine(Title(notification)).AppendLine();
        foreach (var alert in notification.Alerts)
        {
            text.Append("- ").AppendLine(Line(alert));
            if (alert.Annotations["description"] is { } description)
            {
                text.Append("  ").AppendLine(description);
            }

            if (alert.Annotations[DriftedFeatureAnnotations.Detail] is { } drifted)
            {
                text.Append("  drifted features: ").AppendLine(drifted);
            }

            if (alert.Annotations["runbook_url"] is { } runbook)
            {
                text.Append("  runbook: ").AppendLine(runbook);
            }

            text.Append("  since ").AppendLine(Rfc3339(alert.StartsAt));
        }

        text.AppendLine().Append("Monitor: ").AppendLine(externalUrl);
        return text.ToString();
    }

    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Labels or annotations common to every alert of the notification.</summary>
    public static Dictionary<string, string> Common(IReadOnlyList<LabelSet> sets)
    {
        var common = new Dictionary<string, string>(StringComparer.Ordinal);
        if (sets.Count == 0)
        {
            return common;
        }

        foreach (var (name, value) in sets[0].Pairs)
        {
            if (sets.All(s => s[name] == value))
            {
                common[name] = value;
            }
        }

        return common;
    }
}

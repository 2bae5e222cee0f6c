using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>Alertmanager's webhook body (version "4"), as every Alertmanager webhook receiver reads it.</summary>
public sealed record WebhookPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Version { get; init; } = "4";
    public required string GroupKey { get; init; }
    public int TruncatedAlerts { get; init; }
    public required string Status { get; init; }
    public required string Receiver { get; init; }
    public required Dictionary<string, string> GroupLabels { get; init; }
    public required Dictionary<string, string> CommonLabels { get; init; }
    public required Dictionary<string, string> CommonAnnotations { get; init; }

    [JsonPropertyName("externalURL")]
    public required string ExternalUrl { get; init; }
    public required WebhookAlert[] Alerts { get; init; }

    /// <summary>Go's zero time: what Alertmanager sends as the end of an alert still firing.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public static WebhookPayload From(Notification notification, string externalUrl) => new()
    {
        GroupKey = notification.GroupKey,
        Status = notification.Status,
        Receiver = notification.Channel,
        GroupLabels = notification.GroupLabels.ToDictionary(),
        CommonLabels = NotificationText.Common([.. notification.Alerts.Select(a => a.Labels)]),
        CommonAnnotations = NotificationText.Common([.. notification.Alerts.Select(a => a.Annotations)]),
        ExternalUrl = externalUrl,
        Alerts =
        [
            .. notification.Alerts.Select(a => new WebhookAlert
            {
                Status = a.IsResolved ? "resolved" : "firing",
                Labels = a.Labels.ToDictionary(),
                Annotations = a.Annotations.ToDictionary(),
                StartsAt = NotificationText.Rfc3339(a.StartsAt),
                EndsAt = a.EndsAt is { } end ? NotificationText.Rfc3339(end) : ZeroTime,
                GeneratorUrl = a.GeneratorUrl ?? externalUrl,
                Fingerprint = a.Fingerprint,
            }),
        ],
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

public sealed record WebhookAlert
{
    public required string Status { get; init; }
    public required Dictionary<string, string> Labels { get; init; }
    public required Dictionary<string, string> Annotations { get; init; }
    public required string StartsAt { get; init; }
    public required string EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    public required string GeneratorUrl { get; init; }
    public required string Fingerprint { get; init; }
}

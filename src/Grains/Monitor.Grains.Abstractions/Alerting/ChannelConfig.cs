namespace Monitor.Grains.Alerting;

[GenerateSerializer, Alias("monitor.ChannelKind")]
public enum ChannelKind
{
    Log = 0,
    Webhook = 1,
    Slack = 2,
    PagerDuty = 3,
    Email = 4,
    Alertmanager = 5,
}

/// <summary>
/// A notification channel. <see cref="Url"/> (webhook and Slack), <see cref="RoutingKey"/> and
/// <see cref="Password"/> are secrets: stored, used, never answered or logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.ChannelConfig")]
public sealed record ChannelConfig
{
    /// <summary>The channel every installation has: notifications written to the log.</summary>
    public const string LogChannel = "log";

    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required ChannelKind Kind { get; init; }

    /// <summary>Whether notifications say when a group's alerts resolve.</summary>
    [Id(2)] public bool SendResolved { get; init; } = true;

    /// <summary>Webhook, Slack: the URL to post to (secret). PagerDuty: the Events API endpoint. Alertmanager: its base URL.</summary>
    [Id(3)] public string? Url { get; init; }
    [Id(4)] public string? RoutingKey { get; init; }
    [Id(5)] public string[] To { get; init; } = [];
    [Id(6)] public string? From { get; init; }
    [Id(7)] public string? SmtpHost { get; init; }
    [Id(8)] public int SmtpPort { get; init; } = 25;
    [Id(9)] public string? Username { get; init; }
    [Id(10)] public string? Password { get; init; }

    /// <summary>Email: none, starttls, tls, auto.</summary>
    [Id(11)] public string Security { get; init; } = "auto";

    /// <summary>Per-attempt timeout; the delivery default when null.</summary>
    [Id(12)] public TimeSpan? Timeout { get; init; }

    /// <summary>Attempts before a notification is given up; the delivery default when null.</summary>
    [Id(13)] public int? MaxAttempts { get; init; }

    /// <summary>Alertmanager: how often firing alerts are re-sent.</summary>
    [Id(14)] public TimeSpan? ResendInterval { get; init; }

    /// <summary>"api" or "settings" (the latter cannot be changed through the API).</summary>
    [Id(15)] public string Source { get; init; } = "api";

    public bool UrlIsSecret => Kind is ChannelKind.Webhook or ChannelKind.Slack;

    /// <summary>The secrets this channel holds, by field name (for answers that must not show them).</summary>
    public IReadOnlyList<string> SecretFields()
    {
        var fields = new List<string>(2);
        if (UrlIsSecret && !string.IsNullOrEmpty(Url))
        {
            fields.Add("url");
        }

        if (!string.IsNullOrEmpty(RoutingKey))
        {
            fields.Add("routing_key");
        }

        if (!string.IsNullOrEmpty(Password))
        {
            fields.Add("password");
        }

        return fields;
    }

    /// <summary>Every secret value, to scrub from error messages before they are logged.</summary>
    public IEnumerable<string> SecretValues()
    {
        if (UrlIsSecret && !string.IsNullOrEmpty(Url))
        {
            yield return Url;
            if (Uri.TryCreate(Url, UriKind.Absolute, out var uri))
            {
                if (uri.PathAndQuery.Length > 1)
                {
                    yield return uri.PathAndQuery;
                }

                if (!string.IsNullOrEmpty(uri.UserInfo))
                {
                    yield return uri.UserInfo;
                }
            }
        }

        if (!string.IsNullOrEmpty(RoutingKey))
        {
            yield return RoutingKey;
        }

        if (!string.IsNullOrEmpty(Password))
        {
            yield return Password;
        }
    }

    /// <summary>This channel without its secrets.</summary>
    public ChannelConfig Redacted() => this with
    {
        Url = UrlIsSecret ? null : Url,
        RoutingKey = null,
        Password = null,
    };

    public static ChannelConfig Log { get; } = new() { Name = LogChannel, Kind = ChannelKind.Log, Source = "builtin" };
}

/// <summary>Channels, routes and inhibit rules, with a version that changes on every write.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertingConfig")]
public sealed record AlertingConfig(
    [property: Id(0)] long Version,
    [property: Id(1)] ChannelConfig[] Channels,
    [property: Id(2)] AlertRouting Routing)
{
    public ChannelConfig? Channel(string name) => Array.Find(Channels, c => c.Name == name);
}

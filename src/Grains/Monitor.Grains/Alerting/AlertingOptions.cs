namespace Monitor.Grains.Alerting;

/// <summary>Alerting settings (configuration section <c>Monitor:Alerting</c>).</summary>
public sealed class AlertingOptions
{
    public const string Section = "Monitor:Alerting";

    /// <summary>How often each model-version grain evaluates its rules.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a firing alert is re-sent to its model's alert grain (Prometheus's resend delay).</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often grains look for newer rules, channels, routes and silences (per silo).</summary>
    public TimeSpan ConfigRefresh { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Alert events kept per model for the history.</summary>
    public int HistoryLimit { get; set; } = 500;

    /// <summary>Channels at most (bounds the <c>channel</c> label of <c>notifications_total</c>).</summary>
    public int MaxChannels { get; set; } = 32;

    /// <summary>Rules at most.</summary>
    public int MaxRules { get; set; } = 10_000;

    /// <summary>Silences pending or active at once, at most (each is checked against every alert).</summary>
    public int MaxActiveSilences { get; set; } = 1000;

    /// <summary>The longest a silence may last, from its start to its end.</summary>
    public TimeSpan MaxSilenceDuration { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Expired silences are kept this long for the listing.</summary>
    public TimeSpan ExpiredSilenceRetention { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Monitor's own address, for links in notifications (Alertmanager's externalURL).</summary>
    public string ExternalUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Install the shipped default rules (each can still be switched off with enabled: false).</summary>
    public bool DefaultRules { get; set; } = true;

    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>
    /// Networks (CIDR, e.g. 127.0.0.0/8, 172.28.0.0/16, fd00::/8) that channels may reach although they are
    /// not global: loopback, link-local, private, unspecified and other special ranges are refused
    /// otherwise, when a channel is created and again on the address each delivery connects to.
    /// </summary>
    public List<string> AllowedTargetNetworks { get; set; } = [];

    /// <summary>Channels defined in settings (read-only through the API).</summary>
    public List<ChannelSettings> Channels { get; set; } = [];

    /// <summary>How long a firing alert stays valid without being re-sent: Prometheus's 4 x max(resend, interval).</summary>
    public TimeSpan AlertValidity => 4 * (ResendInterval > EvaluationInterval ? ResendInterval : EvaluationInterval);
}

/// <summary>Delivery settings (<c>Monitor:Alerting:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>One attempt's limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts before a notification is given up.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; each retry doubles it, up to <see cref="MaxBackoff"/>, with jitter.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Notifications in flight at once per channel.</summary>
    public int ConcurrencyPerChannel { get; set; } = 4;
}

/// <summary>A channel from settings: the fields of <see cref="ChannelConfig"/>.</summary>
public sealed class ChannelSettings
{
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public bool SendResolved { get; set; } = true;
    public string? Url { get; set; }
    public string? RoutingKey { get; set; }
    public List<string> To { get; set; } = [];
    public string? From { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 25;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string Security { get; set; } = "auto";
    public TimeSpan? Timeout { get; set; }
    public int? MaxAttempts { get; set; }
    public TimeSpan? ResendInterval { get; set; }
}

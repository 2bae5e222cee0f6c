namespace Monitor.Grains.Alerting;

/// <summary>What makes a channel valid, once merged with the stored one (secrets kept).</summary>
public static class ChannelValidator
{
    public static IReadOnlyList<string> SecurityModes { get; } = ["auto", "none", "starttls", "tls"];

    public static FieldProblem? Validate(ChannelConfig channel)
    {
        if (!AlertRuleValidator.IsChannelName(channel.Name))
        {
            return new("name", "must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }

        switch (channel.Kind)
        {
            case ChannelKind.Webhook or ChannelKind.Slack or ChannelKind.Alertmanager when !IsHttpUrl(channel.Url):
                return new("url", "an absolute http(s) URL is required");
            case ChannelKind.PagerDuty when string.IsNullOrEmpty(channel.RoutingKey):
                return new("routing_key", "the PagerDuty integration's routing key is required");
            case ChannelKind.PagerDuty when channel.Url is not null && !IsHttpUrl(channel.Url):
                return new("url", "must be an absolute http(s) URL (the Events API v2 endpoint)");
            case ChannelKind.Email when channel.To.Length == 0 || channel.To.Any(a => !IsAddress(a)):
                return new("to", "one or more email addresses are required");
            case ChannelKind.Email when !IsAddress(channel.From):
                return new("from", "a sender address is required");
            case ChannelKind.Email when string.IsNullOrEmpty(channel.SmtpHost):
                return new("smtp_host", "the SMTP server's host name is required");
            case ChannelKind.Email when channel.SmtpPort is < 1 or > 65535:
                return new("smtp_port", "must be from 1 to 65535");
            case ChannelKind.Email when !SecurityModes.Contains(channel.Security):
                return new("security", $"must be one of {string.Join(", ", SecurityModes)}");
        }

        if (channel.Timeout is { } timeout && (timeout < TimeSpan.FromMilliseconds(100) || timeout > TimeSpan.FromMinutes(5)))
        {
            return new("timeout", "must be from 100ms to 5m");
        }

        if (channel.MaxAttempts is < 1 or > 100)
        {
            return new("max_attempts", "must be from 1 to 100");
        }

        if (channel.ResendInterval is { } resend && resend < TimeSpan.FromSeconds(1))
        {
            return new("resend_interval", "must be 1s or more");
        }

        return null;
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static bool IsAddress(string? address) =>
        address is { Length: > 2 } && address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < address.Length - 1 && !address.Any(char.IsWhiteSpace);
}

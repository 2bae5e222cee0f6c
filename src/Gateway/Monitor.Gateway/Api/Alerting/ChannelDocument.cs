using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>
/// A channel as the API answers it: never a secret. <c>secrets</c> names the secret fields that are
/// set (url of webhook and Slack channels, routing_key, password), so a client knows they are there.
/// </summary>
public sealed record ChannelDocument
{
    public static IReadOnlyList<string> Kinds { get; } = ["log", "webhook", "slack", "pagerduty", "email", "alertmanager"];

    public required string Name { get; init; }
    public required string Kind { get; init; }
    public bool SendResolved { get; init; }
    public string? Url { get; init; }
    public IReadOnlyList<string>? To { get; init; }
    public string? From { get; init; }
    public string? SmtpHost { get; init; }
    public int? SmtpPort { get; init; }
    public string? Username { get; init; }
    public string? Security { get; init; }
    public string? Timeout { get; init; }
    public int? MaxAttempts { get; init; }
    public string? ResendInterval { get; init; }
    public required string Source { get; init; }
    public required IReadOnlyList<string> Secrets { get; init; }

    public static ChannelDocument Of(ChannelConfig channel)
    {
        var shown = channel.Redacted();
        var email = channel.Kind == ChannelKind.Email;
        return new ChannelDocument
        {
            Name = shown.Name,
            Kind = Kinds[(int)shown.Kind],
            SendResolved = shown.SendResolved,
            Url = shown.Url,
            To = email ? shown.To : null,
            From = email ? shown.From : null,
            SmtpHost = email ? shown.SmtpHost : null,
            SmtpPort = email ? shown.SmtpPort : null,
            Username = email ? shown.Username : null,
            Security = email ? shown.Security : null,
            Timeout = shown.Timeout is { } t ? Durations.Format(t) : null,
            MaxAttempts = shown.MaxAttempts,
            ResendInterval = shown.ResendInterval is { } r ? Durations.Format(r) : null,
            Source = shown.Source,
            Secrets = channel.SecretFields(),
        };
    }

    public static (ChannelConfig? Channel, FieldProblem? Problem) Read(FieldReader r, string? name)
    {
        var bodyName = r.String("name", required: name is null, maxLength: 64);
        if (name is not null && bodyName is not null && bodyName != name)
        {
            r.Fail("name", $"'{bodyName}' differs from the channel named in the path ('{name}')");
        }

        var kind = r.String("kind", required: true, maxLength: 20);
        var sendResolved = r.Bool("send_resolved");
        var url = r.String("url", maxLength: 2048);
        var routingKey = r.String("routing_key", maxLength: 256);
        var to = r.Strings("to");
        var from = r.String("from", maxLength: 320);
        var host = r.String("smtp_host", maxLength: 255);
        var port = r.Whole("smtp_port", 1, 65535);
        var username = r.String("username", maxLength: 320);
        var password = r.String("password", maxLength: 1024);
        var security = r.String("security", maxLength: 20);
        var timeout = r.Duration("timeout");
        var maxAttempts = r.Whole("max_attempts", 1, 100);
        var resend = r.Duration("resend_interval");
        r.Strings("secrets");
        r.String("source");
        r.RefuseUnknown();
        var index = kind is null ? -1 : Kinds.IndexOf(kind);
        if (r.Problem is null && index < 0)
        {
            r.Fail("kind", $"must be one of {string.Join(", ", Kinds.Skip(1))}");
        }

        if (r.Problem is null && index == (int)ChannelKind.Log)
        {
            r.Fail("kind", $"the log channel is built in ('{ChannelConfig.LogChannel}')");
        }

        if (r.Problem is { } problem)
        {
            return (null, problem);
        }

        return (new ChannelConfig
        {
            Name = name ?? bodyName!,
            Kind = (ChannelKind)index,
            SendResolved = sendResolved ?? true,
            Url = url,
            RoutingKey = routingKey,
            To = to ?? [],
            From = from,
            SmtpHost = host,
            SmtpPort = (int)(port ?? 25),
            Username = username,
            Password = password,
            Security = security ?? "auto",
            Timeout = timeout,
            MaxAttempts = (int?)maxAttempts,
            ResendInterval = resend,
        }, null);
    }
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Monitor.Gateway.Api.Documents;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>
/// A channel as the API reads and answers it. Secrets (routing_key, password, and the url of webhook and
/// Slack channels) are written, never answered: <c>secrets</c> names the ones that are set, so a client
/// knows they are there. <c>source</c> and <c>secrets</c> are answered and ignored when sent back.
/// </summary>
public sealed record ChannelDocument : IValidatableObject
{
    private static readonly string[] Kinds = ["log", "webhook", "slack", "pagerduty", "email", "alertmanager"];

    [StringLength(64)] public string? Name { get; init; }
    [Required, StringLength(20)] public required string Kind { get; init; }
    public bool? SendResolved { get; init; }
    [StringLength(2048)] public string? Url { get; init; }
    [StringLength(256)] public string? RoutingKey { get; init; }
    public IReadOnlyList<string>? To { get; init; }
    [StringLength(320)] public string? From { get; init; }
    [StringLength(255)] public string? SmtpHost { get; init; }
    [Range(1, 65535)] public int? SmtpPort { get; init; }
    [StringLength(320)] public string? Username { get; init; }
    [StringLength(1024)] public string? Password { get; init; }
    [StringLength(20)] public string? Security { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? Timeout { get; init; }
    [Range(1, 100)] public int? MaxAttempts { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? ResendInterval { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string>? Secrets { get; init; }

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
            Timeout = shown.Timeout,
            MaxAttempts = shown.MaxAttempts,
            ResendInterval = shown.ResendInterval,
            Source = shown.Source,
            Secrets = channel.SecretFields(),
        };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var index = Array.IndexOf(Kinds, Kind);
        if (index < 0)
        {
            yield return new($"must be one of {string.Join(", ", Kinds.Skip(1))}", [nameof(Kind)]);
        }
        else if (index == (int)ChannelKind.Log)
        {
            yield return new($"the log channel is built in ('{ChannelConfig.LogChannel}')", [nameof(Kind)]);
        }
    }

    /// <summary>The channel; <paramref name="name"/> (from the path) wins over a missing name and must agree with a given one.</summary>
    public (ChannelConfig? Channel, FieldProblem? Problem) ToChannel(string? name)
    {
        if (DocumentName.Resolve(name, Name, "channel", out var channelName) is { } problem)
        {
            return (null, problem);
        }

        return (new ChannelConfig
        {
            Name = channelName,
            Kind = (ChannelKind)Array.IndexOf(Kinds, Kind),
            SendResolved = SendResolved ?? true,
            Url = Url,
            RoutingKey = RoutingKey,
            To = [.. To ?? []],
            From = From,
            SmtpHost = SmtpHost,
            SmtpPort = SmtpPort ?? 25,
            Username = Username,
            Password = Password,
            Security = Security ?? "auto",
            Timeout = Timeout,
            MaxAttempts = MaxAttempts,
            ResendInterval = ResendInterval,
        }, null);
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Monitor.Gateway.Api.Documents;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>Routes and inhibit rules as the API reads and writes them; what GET answers may be sent back with PUT.</summary>
public sealed record RoutingDocument : IValidatableObject
{
    public RouteDocument? Default { get; init; }
    public IReadOnlyList<RouteDocument>? Routes { get; init; }
    public IReadOnlyList<InhibitRuleDocument>? InhibitRules { get; init; }

    public static RoutingDocument From(AlertRouting routing) => new()
    {
        Default = RouteDocument.From(routing.Default),
        Routes = [.. routing.Routes.Select(RouteDocument.From)],
        InhibitRules = [.. routing.InhibitRules.Select(i => new InhibitRuleDocument
        {
            SourceMatchers = [.. i.SourceMatchers.Select(MatcherDocument.From)],
            TargetMatchers = [.. i.TargetMatchers.Select(MatcherDocument.From)],
            Equal = i.Equal,
        })],
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Default is null)
        {
            yield return new("is required: the route of alerts no other route takes", [nameof(Default)]);
        }
        else if (Default.Matchers is not null || Default.Continue is not null)
        {
            yield return new("the default route takes every alert no other route takes: it has no matchers and no continue", ["default"]);
        }

        for (var i = 0; i < (Routes?.Count ?? 0); i++)
        {
            if (Routes![i].Name is not { Length: > 0 })
            {
                yield return new("is required", [$"routes[{i}].name"]);
            }
        }
    }

    public AlertRouting ToRouting() => new()
    {
        Default = Default!.ToRoute(AlertRoute.DefaultName),
        Routes = [.. (Routes ?? []).Select(r => r.ToRoute(r.Name!))],
        InhibitRules = [.. (InhibitRules ?? []).Select(i => new InhibitRule
        {
            SourceMatchers = [.. i.SourceMatchers.Select(m => m.ToMatcher())],
            TargetMatchers = [.. i.TargetMatchers.Select(m => m.ToMatcher())],
            Equal = [.. i.Equal ?? []],
        })],
    };
}

/// <summary>A route; the default route's name is always <c>default</c>, and it has no matchers and no <c>continue</c>.</summary>
public sealed record RouteDocument
{
    [StringLength(64)] public string? Name { get; init; }
    public IReadOnlyList<MatcherDocument>? Matchers { get; init; }
    public IReadOnlyList<string>? Channels { get; init; }
    public IReadOnlyList<string>? GroupBy { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? GroupWait { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? GroupInterval { get; init; }
    [JsonConverter(typeof(DurationConverter))] public TimeSpan? RepeatInterval { get; init; }
    public bool? Continue { get; init; }

    public static RouteDocument From(AlertRoute route)
    {
        var isDefault = route.Name == AlertRoute.DefaultName;
        return new()
        {
            Name = route.Name,
            Matchers = isDefault ? null : [.. route.Matchers.Select(MatcherDocument.From)],
            Channels = route.Channels,
            GroupBy = route.GroupBy,
            GroupWait = route.GroupWait,
            GroupInterval = route.GroupInterval,
            RepeatInterval = route.RepeatInterval,
            Continue = isDefault ? null : route.Continue,
        };
    }

    public AlertRoute ToRoute(string name) => new()
    {
        Name = name,
        Matchers = [.. (Matchers ?? []).Select(m => m.ToMatcher())],
        Channels = [.. Channels ?? []],
        GroupBy = GroupBy is null ? null : [.. GroupBy],
        GroupWait = GroupWait,
        GroupInterval = GroupInterval,
        RepeatInterval = RepeatInterval,
        Continue = Continue ?? false,
    };
}

/// <summary>Mutes alerts matching the target matchers while one matching the source matchers fires with the same <c>equal</c> labels.</summary>
public sealed record InhibitRuleDocument
{
    public required IReadOnlyList<MatcherDocument> SourceMatchers { get; init; }
    public required IReadOnlyList<MatcherDocument> TargetMatchers { get; init; }
    public IReadOnlyList<string>? Equal { get; init; }
}

using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>Routes and inhibit rules as the API reads and writes them.</summary>
public sealed record RoutingDocument(RouteDocument Default, IReadOnlyList<RouteDocument> Routes, IReadOnlyList<InhibitRuleDocument> InhibitRules)
{
    public static RoutingDocument From(AlertRouting routing) => new(
        RouteDocument.From(routing.Default),
        [.. routing.Routes.Select(RouteDocument.From)],
        [.. routing.InhibitRules.Select(i => new InhibitRuleDocument(
            [.. i.SourceMatchers.Select(SilenceEndpoints.MatcherView.From)],
            [.. i.TargetMatchers.Select(SilenceEndpoints.MatcherView.From)],
            i.Equal))]);

    public static (AlertRouting? Routing, FieldProblem? Problem) Read(FieldReader r)
    {
        var fallback = r.Object("default", d => ReadRoute(d, AlertRoute.DefaultName));
        var routes = r.Objects("routes", d => ReadRoute(d, null)) ?? [];
        var inhibit = r.Objects("inhibit_rules", ReadInhibitRule) ?? [];
        r.RefuseUnknown();
        if (r.Problem is null && fallback is null)
        {
            r.Fail("default", "is required: the route of alerts no other route takes");
        }

        return r.Problem is { } problem ? (null, problem) : (new AlertRouting { Default = fallback!, Routes = routes, InhibitRules = inhibit }, null);
    }

    private static AlertRoute? ReadRoute(FieldReader r, string? name)
    {
        var routeName = name ?? r.String("name", required: true, maxLength: 64);
        if (name is not null)
        {
            r.String("name");
        }

        var matchers = name is null ? r.Objects("matchers", SilenceEndpoints.ReadMatcher) : null;
        var channels = r.Strings("channels");
        var groupBy = r.Strings("group_by");
        var wait = r.Duration("group_wait");
        var interval = r.Duration("group_interval");
        var repeat = r.Duration("repeat_interval");
        var cont = name is null ? r.Bool("continue") : null;
        r.RefuseUnknown();
        return r.Problem is not null ? null : new AlertRoute
        {
            Name = routeName!,
            Matchers = matchers ?? [],
            Channels = channels ?? [],
            GroupBy = groupBy,
            GroupWait = wait,
            GroupInterval = interval,
            RepeatInterval = repeat,
            Continue = cont ?? false,
        };
    }

    private static InhibitRule? ReadInhibitRule(FieldReader r)
    {
        var source = r.Objects("source_matchers", SilenceEndpoints.ReadMatcher, required: true);
        var target = r.Objects("target_matchers", SilenceEndpoints.ReadMatcher, required: true);
        var equal = r.Strings("equal");
        r.RefuseUnknown();
        return r.Problem is not null ? null : new InhibitRule { SourceMatchers = source!, TargetMatchers = target!, Equal = equal ?? [] };
    }
}

public sealed record RouteDocument(
    string Name,
    IReadOnlyList<SilenceEndpoints.MatcherView>? Matchers,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string>? GroupBy,
    string? GroupWait,
    string? GroupInterval,
    string? RepeatInterval,
    bool? Continue)
{
    public static RouteDocument From(AlertRoute route)
    {
        var isDefault = route.Name == AlertRoute.DefaultName;
        return new(
            route.Name,
            isDefault ? null : [.. route.Matchers.Select(SilenceEndpoints.MatcherView.From)],
            route.Channels,
            route.GroupBy,
            route.GroupWait is { } w ? Durations.Format(w) : null,
            route.GroupInterval is { } i ? Durations.Format(i) : null,
            route.RepeatInterval is { } r ? Durations.Format(r) : null,
            isDefault ? null : route.Continue);
    }
}

public sealed record InhibitRuleDocument(
    IReadOnlyList<SilenceEndpoints.MatcherView> SourceMatchers,
    IReadOnlyList<SilenceEndpoints.MatcherView> TargetMatchers,
    IReadOnlyList<string> Equal);

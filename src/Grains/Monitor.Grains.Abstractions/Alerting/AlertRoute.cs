namespace Monitor.Grains.Alerting;

/// <summary>
/// Where matching alerts go and how they are grouped. Routes are an ordered list under a default
/// route: an alert goes to the first route whose matchers all match, and on to later ones while the
/// matched route says <see cref="Continue"/>; an alert no route takes goes to the default route.
/// Timings and grouping a route leaves unset come from the default route.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertRoute")]
public sealed record AlertRoute
{
    public const string DefaultName = "default";

    /// <summary>All labels: one group per alert.</summary>
    public const string GroupByAll = "...";

    [Id(0)] public required string Name { get; init; }
    [Id(1)] public LabelMatcher[] Matchers { get; init; } = [];
    [Id(2)] public string[] Channels { get; init; } = [];
    [Id(3)] public string[]? GroupBy { get; init; }
    [Id(4)] public TimeSpan? GroupWait { get; init; }
    [Id(5)] public TimeSpan? GroupInterval { get; init; }
    [Id(6)] public TimeSpan? RepeatInterval { get; init; }
    [Id(7)] public bool Continue { get; init; }
}

/// <summary>A route with every setting resolved: what a group grain works with.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ResolvedRoute")]
public sealed record ResolvedRoute(
    [property: Id(0)] string Name,
    [property: Id(1)] string[] Channels,
    [property: Id(2)] string[] GroupBy,
    [property: Id(3)] TimeSpan GroupWait,
    [property: Id(4)] TimeSpan GroupInterval,
    [property: Id(5)] TimeSpan RepeatInterval);

/// <summary>
/// Mutes target alerts while a source alert fires with the same values of the <see cref="Equal"/>
/// labels (Alertmanager's inhibit rule). Evaluated among the alerts of one model.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.InhibitRule")]
public sealed record InhibitRule
{
    [Id(0)] public LabelMatcher[] SourceMatchers { get; init; } = [];
    [Id(1)] public LabelMatcher[] TargetMatchers { get; init; } = [];
    [Id(2)] public string[] Equal { get; init; } = [];
}

/// <summary>The routing tree and inhibit rules.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertRouting")]
public sealed record AlertRouting
{
    [Id(0)] public required AlertRoute Default { get; init; }
    [Id(1)] public AlertRoute[] Routes { get; init; } = [];
    [Id(2)] public InhibitRule[] InhibitRules { get; init; } = [];

    public static AlertRouting Initial { get; } = new()
    {
        Default = new AlertRoute
        {
            Name = AlertRoute.DefaultName,
            Channels = [ChannelConfig.LogChannel],
            GroupBy = ["alertname", "model", "version"],
            GroupWait = TimeSpan.FromSeconds(30),
            GroupInterval = TimeSpan.FromMinutes(5),
            RepeatInterval = TimeSpan.FromHours(4),
        },
        InhibitRules =
        [
            new InhibitRule
            {
                SourceMatchers = [new LabelMatcher("severity", MatchOperator.Equal, "critical")],
                TargetMatchers = [new LabelMatcher("severity", MatchOperator.Regex, "warning|info")],
                Equal = ["model", "version"],
            },
        ],
    };
}

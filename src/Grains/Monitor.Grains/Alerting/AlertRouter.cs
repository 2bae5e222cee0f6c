namespace Monitor.Grains.Alerting;

/// <summary>One destination of an alert: a route and the group it forms there.</summary>
/// <param name="GroupId">The group grain's key: route name and the group labels' fingerprint.</param>
/// <param name="GroupKey">Alertmanager's group key, <c>{route}:{group labels}</c>, as notifications carry it.</param>
public sealed record RoutedGroup(ResolvedRoute Route, LabelSet GroupLabels, string GroupId, string GroupKey);

/// <summary>
/// Chooses an alert's routes: the ordered routes whose matchers all match (stopping after the first
/// one that does not say continue), or the default route when none does. A rule's action channel
/// adds a route of its own: one group per alert, sent at once, never repeated.
/// </summary>
public static class AlertRouter
{
    public const string ActionRoutePrefix = "action:";

    public static List<RoutedGroup> Route(AlertRouting routing, LabelSet labels, string? action)
    {
        var routed = new List<RoutedGroup>(2);
        foreach (var route in routing.Routes)
        {
            if (!LabelMatcher.All(route.Matchers, labels))
            {
                continue;
            }

            routed.Add(Group(Resolve(route, routing.Default), labels));
            if (!route.Continue)
            {
                break;
            }
        }

        if (routed.Count == 0)
        {
            routed.Add(Group(Resolve(routing.Default, routing.Default), labels));
        }

        if (action is not null)
        {
            routed.Add(Group(ActionRoute(action), labels));
        }

        return routed;
    }

    public static ResolvedRoute ActionRoute(string channel) => new(
        ActionRoutePrefix + channel,
        [channel],
        [AlertRoute.GroupByAll],
        TimeSpan.Zero,
        TimeSpan.FromMinutes(1),
        TimeSpan.FromDays(3650));

    public static ResolvedRoute Resolve(AlertRoute route, AlertRoute defaults) => new(
        route.Name,
        route.Channels.Length > 0 ? route.Channels : defaults.Channels,
        route.GroupBy ?? defaults.GroupBy ?? [],
        route.GroupWait ?? defaults.GroupWait ?? TimeSpan.FromSeconds(30),
        route.GroupInterval ?? defaults.GroupInterval ?? TimeSpan.FromMinutes(5),
        route.RepeatInterval ?? defaults.RepeatInterval ?? TimeSpan.FromHours(4));

    private static RoutedGroup Group(ResolvedRoute route, LabelSet labels)
    {
        var groupLabels = route.GroupBy.Contains(AlertRoute.GroupByAll) ? labels : labels.Only(route.GroupBy);
        return new RoutedGroup(route, groupLabels, $"{route.Name}:{groupLabels.Fingerprint()}", $"{route.Name}:{groupLabels}");
    }
}

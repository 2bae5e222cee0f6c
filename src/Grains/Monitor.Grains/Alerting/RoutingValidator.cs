namespace Monitor.Grains.Alerting;

/// <summary>What makes routes and inhibit rules valid: names, known channels, patterns and timings.</summary>
public static class RoutingValidator
{
    public static FieldProblem? Validate(AlertRouting routing, Func<string, bool> channelExists)
    {
        if (Route(routing.Default, "default", channelExists, isDefault: true) is { } problem)
        {
            return problem;
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { AlertRoute.DefaultName };
        for (var i = 0; i < routing.Routes.Length; i++)
        {
            var route = routing.Routes[i];
            var field = $"routes[{i}]";
            if (!AlertRuleValidator.IsChannelName(route.Name) || !names.Add(route.Name))
            {
                return new($"{field}.name", $"must be a unique name of letters, digits, '_', '.' or '-' (not '{AlertRoute.DefaultName}')");
            }

            if (Route(route, field, channelExists, isDefault: false) is { } routeProblem)
            {
                return routeProblem;
            }
        }

        for (var i = 0; i < routing.InhibitRules.Length; i++)
        {
            var rule = routing.InhibitRules[i];
            var field = $"inhibit_rules[{i}]";
            if (rule.SourceMatchers.Length == 0 || rule.TargetMatchers.Length == 0)
            {
                return new(field, "needs source_matchers and target_matchers");
            }

            if ((Matchers(rule.SourceMatchers, $"{field}.source_matchers") ?? Matchers(rule.TargetMatchers, $"{field}.target_matchers")) is { } matcherProblem)
            {
                return matcherProblem;
            }

            if (rule.Equal.FirstOrDefault(n => !AlertRuleValidator.IsName(n)) is { } bad)
            {
                return new($"{field}.equal", $"'{bad}' is not a label name");
            }
        }

        return null;
    }

    public static FieldProblem? Matchers(IReadOnlyList<LabelMatcher> matchers, string field)
    {
        for (var i = 0; i < matchers.Count; i++)
        {
            if (!AlertRuleValidator.IsName(matchers[i].Name))
            {
                return new($"{field}[{i}].name", $"'{matchers[i].Name}' is not a label name");
            }

            if (matchers[i].PatternError() is { } error)
            {
                return new($"{field}[{i}].value", error);
            }
        }

        return null;
    }

    private static FieldProblem? Route(AlertRoute route, string field, Func<string, bool> channelExists, bool isDefault)
    {
        if (isDefault && route.Channels.Length == 0)
        {
            return new($"{field}.channels", "the default route needs at least one channel");
        }

        if (route.Channels.FirstOrDefault(c => !channelExists(c)) is { } missing)
        {
            return new($"{field}.channels", $"no channel named '{missing}'");
        }

        if (!isDefault && Matchers(route.Matchers, $"{field}.matchers") is { } matcherProblem)
        {
            return matcherProblem;
        }

        if (route.GroupBy?.FirstOrDefault(n => n != AlertRoute.GroupByAll && !AlertRuleValidator.IsName(n)) is { } bad)
        {
            return new($"{field}.group_by", $"'{bad}' is not a label name (or '...' for all labels)");
        }

        if (route.GroupWait is { } wait && (wait < TimeSpan.Zero || wait > TimeSpan.FromHours(1)))
        {
            return new($"{field}.group_wait", "must be from 0s to 1h");
        }

        if (route.GroupInterval is { } interval && (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(1)))
        {
            return new($"{field}.group_interval", "must be from 1s to 24h");
        }

        if (route.RepeatInterval is { } repeat && (repeat < TimeSpan.FromSeconds(1) || repeat > TimeSpan.FromDays(30)))
        {
            return new($"{field}.repeat_interval", "must be from 1s to 30d");
        }

        return null;
    }
}

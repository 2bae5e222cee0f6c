using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Alerting;

/// <summary>
/// What a rule is evaluated for: the version's whole traffic (a rule without a segment), or each segment it is
/// scoped to: every segment of a key ("country"), or one ("country:DE"). Each gets its own alert record, keyed
/// "rule [segment]", and its own alert, told apart by the <c>segment</c> label.
/// </summary>
public static class RuleSegments
{
    private static readonly string?[] Whole = [null];

    public static IReadOnlyList<string?> Of(AlertRule rule, IReadOnlyList<IVersionMetrics> sources)
    {
        if (rule.Segment is not { } scope)
        {
            return Whole;
        }

        var segments = sources.OfType<ISegmentMetrics>().FirstOrDefault()?.Segments ?? [];
        return scope.Contains(':', StringComparison.Ordinal)
            ? segments.Contains(scope) ? [scope] : []
            : [.. segments.Where(s => s.StartsWith(scope + ":", StringComparison.Ordinal))];
    }

    public static string RecordKey(string rule, string? segment) => segment is null ? rule : $"{rule} [{segment}]";
}

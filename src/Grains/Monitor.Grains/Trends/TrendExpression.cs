using System.Text.RegularExpressions;

namespace Monitor.Grains.Trends;

/// <summary>
/// A rule's metric written as a trend function of a catalogue metric's series: <c>avg_over(latency_p95_ms, 30m)</c>,
/// <c>ewma(error_rate, 10m)</c> (a half-life), <c>slope(latency_p95_ms, 1h)</c>, <c>change_point(accuracy, 6h)</c>,
/// each with an optional step, e.g. <c>slope(latency_p95_ms, 6h, 5m)</c>.
/// </summary>
/// <param name="Argument">The window, or for <see cref="TrendFunction.Ewma"/> the half-life.</param>
/// <param name="Step">Width of one point of the series; null for the default (see <see cref="EffectiveStep"/>).</param>
public sealed partial record TrendExpression(TrendFunction Function, string Metric, TimeSpan Argument, TimeSpan? Step)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    // Weights past eight half-lives are under 1/256: the average looks no further back.
    private const int EwmaHalfLives = 8;

    /// <summary>How far back the series goes.</summary>
    public TimeSpan Window => Function == TrendFunction.Ewma ? Argument * EwmaHalfLives : Argument;

    /// <summary>The step asked for, or the window in 60 points (floored to the version's bucket width when evaluated).</summary>
    public TimeSpan EffectiveStep => Step ?? TimeSpan.FromSeconds(Math.Max(1, (long)Window.TotalSeconds / 60));

    /// <summary>True when the text is written as a function call (even a malformed one), so it is judged as one.</summary>
    public static bool LooksLikeExpression(string metric) => metric.Contains('(', StringComparison.Ordinal);

    /// <summary>Parses and checks an expression; on failure the reason says what is wrong and what would be right.</summary>
    public static bool TryParse(string text, out TrendExpression? expression, out string? problem)
    {
        expression = null;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            problem = $"'{text}' is neither a metric name nor a trend function: write e.g. slope(latency_p95_ms, 1h) or avg_over(error_rate, 30m, 1m)";
            return false;
        }

        var name = match.Groups[1].Value;
        var known = TrendFunctionNames.All.Where(f => f.Name == name).ToList();
        if (known.Count == 0)
        {
            problem = $"unknown trend function '{name}'; known: {string.Join(", ", TrendFunctionNames.All.Select(f => f.Name))}";
            return false;
        }

        var function = known[0].Function;
        var argumentName = function == TrendFunction.Ewma ? "half-life" : "window";
        if (!TrendDuration.TryParse(match.Groups[3].Value, out var argument))
        {
            problem = $"{name}: '{match.Groups[3].Value}' is not a duration for its {argumentName} (e.g. 90s, 30m, 1h, 1h30m)";
            return false;
        }

        TimeSpan? step = null;
        if (match.Groups[4].Success)
        {
            if (!TrendDuration.TryParse(match.Groups[4].Value, out var parsed))
            {
                problem = $"{name}: '{match.Groups[4].Value}' is not a duration for its step (e.g. 10s, 1m, 5m)";
                return false;
            }

            step = parsed;
        }

        var candidate = new TrendExpression(function, match.Groups[2].Value, argument, step);
        problem = candidate.Problem(name, argumentName);
        expression = problem is null ? candidate : null;
        return problem is null;
    }

    private string? Problem(string name, string argumentName)
    {
        var longest = Function == TrendFunction.Ewma ? MaxWindow / EwmaHalfLives : MaxWindow;
        if (Argument < TimeSpan.FromMinutes(1) || Argument > longest)
        {
            return $"{name}: the {argumentName} must be from 1m to {TrendDuration.Format(longest)}, got {TrendDuration.Format(Argument)}"
                + (Function == TrendFunction.Ewma ? " (the average looks back 8 half-lives, at most 24h)" : "");
        }

        if (Step is { } step && (step < TimeSpan.FromSeconds(1) || step * 2 > Window))
        {
            return $"{name}: the step must be from 1s to half the window ({TrendDuration.Format(Window / 2)}), got {TrendDuration.Format(step)}";
        }

        return null;
    }

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*([^,()\s]*)\s*(?:,\s*([^,()\s]*)\s*)?\)\s*$")]
    private static partial Regex Pattern();
}

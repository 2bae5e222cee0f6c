using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Monitor.Grains.Alerting;

[GenerateSerializer, Alias("monitor.MatchOperator")]
public enum MatchOperator
{
    Equal = 0,
    NotEqual = 1,
    Regex = 2,
    NotRegex = 3,
}

/// <summary>
/// A label matcher as Alertmanager has them: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>; regular
/// expressions are anchored at both ends, and a missing label matches as the empty string.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.LabelMatcher")]
public sealed record LabelMatcher(
    [property: Id(0)] string Name,
    [property: Id(1)] MatchOperator Operator,
    [property: Id(2)] string Value)
{
    // Patterns compile once per process; few distinct ones exist (bounded by rules, routes and silences).
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    public static string[] Symbols { get; } = ["=", "!=", "=~", "!~"];

    public string Symbol => Symbols[(int)Operator];

    public static bool TryParseOperator(string? symbol, out MatchOperator op)
    {
        var i = symbol is null ? -1 : Array.IndexOf(Symbols, symbol);
        op = i < 0 ? MatchOperator.Equal : (MatchOperator)i;
        return i >= 0;
    }

    /// <summary>Null when the value is a valid pattern (or no pattern is needed); otherwise why not.</summary>
    public string? PatternError()
    {
        if (Operator is MatchOperator.Equal or MatchOperator.NotEqual)
        {
            return null;
        }

        try
        {
            _ = Compile();
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"is not a valid regular expression: {ex.Message}";
        }
    }

    public bool Matches(LabelSet labels)
    {
        var value = labels.ValueOrEmpty(Name);
        return Operator switch
        {
            MatchOperator.Equal => value == Value,
            MatchOperator.NotEqual => value != Value,
            MatchOperator.Regex => Compile().IsMatch(value),
            _ => !Compile().IsMatch(value),
        };
    }

    public static bool All(IReadOnlyList<LabelMatcher> matchers, LabelSet labels)
    {
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{Name}{Symbol}\"{Value}\"";

    private Regex Compile() =>
        Compiled.TryGetValue(Value, out var regex) ? regex : Compiled.GetOrAdd(Value, static v => new Regex($"^(?:{v})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));
}

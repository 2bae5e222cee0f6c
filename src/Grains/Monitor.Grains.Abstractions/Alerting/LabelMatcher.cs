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
    /// <summary>The longest pattern a matcher holds: matchers come from API requests.</summary>
    public const int MaxPatternLength = 1000;

    // Patterns compile once per process; few distinct ones are in use (bounded by rules, routes and
    // silences), and the cache starts over past its bound so refused requests cannot grow it forever.
    private const int MaxCompiled = 4096;
    private static readonly ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    // The non-backtracking engine matches in time linear in the input; the timeout is a second line of defence.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

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

        if (Value.Length > MaxPatternLength)
        {
            return $"must be a regular expression of at most {MaxPatternLength} characters";
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
        catch (NotSupportedException)
        {
            // The bounded engine refuses patterns whose automaton would be too large, such as ((a{100}){100}){100}.
            return "is a regular expression too large for the matcher (nested or large repetition counts); simplify it";
        }
    }

    public bool Matches(LabelSet labels)
    {
        var value = labels.ValueOrEmpty(Name);
        return Operator switch
        {
            MatchOperator.Equal => value == Value,
            MatchOperator.NotEqual => value != Value,
            MatchOperator.Regex => IsMatch(value),
            _ => !IsMatch(value),
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

    private bool IsMatch(string value)
    {
        try
        {
            return Compile().IsMatch(value);
        }
        catch (Exception ex) when (ex is RegexMatchTimeoutException or NotSupportedException or ArgumentException)
        {
            // Only a pattern stored before it was validated can get here: it matches nothing rather than stop evaluation.
            return false;
        }
    }

    private Regex Compile()
    {
        if (Compiled.TryGetValue(Value, out var regex))
        {
            return regex;
        }

        if (Compiled.Count >= MaxCompiled)
        {
            Compiled.Clear();
        }

        return Compiled.GetOrAdd(Value, static v => new Regex($"^(?:{v})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, MatchTimeout));
    }
}

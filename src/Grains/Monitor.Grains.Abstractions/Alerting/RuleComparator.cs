namespace Monitor.Grains.Alerting;

/// <summary>How a rule compares its metric with the threshold.</summary>
[GenerateSerializer, Alias("monitor.RuleComparator")]
public enum RuleComparator
{
    Greater = 0,
    GreaterOrEqual = 1,
    Less = 2,
    LessOrEqual = 3,
    Equal = 4,
    NotEqual = 5,
}

public static class RuleComparators
{
    public static IReadOnlyList<string> Symbols { get; } = [">", ">=", "<", "<=", "==", "!="];

    public static string Symbol(this RuleComparator comparator) => Symbols[(int)comparator];

    public static bool TryParse(string? symbol, out RuleComparator comparator)
    {
        for (var i = 0; i < Symbols.Count; i++)
        {
            if (Symbols[i] == symbol)
            {
                comparator = (RuleComparator)i;
                return true;
            }
        }

        comparator = default;
        return false;
    }

    /// <summary>NaN (no data) never holds, whatever the comparator.</summary>
    public static bool Holds(this RuleComparator comparator, double value, double threshold) =>
        !double.IsNaN(value) && comparator switch
        {
            RuleComparator.Greater => value > threshold,
            RuleComparator.GreaterOrEqual => value >= threshold,
            RuleComparator.Less => value < threshold,
            RuleComparator.LessOrEqual => value <= threshold,
            RuleComparator.Equal => value == threshold,
            _ => value != threshold,
        };
}

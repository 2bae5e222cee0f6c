using System.Globalization;

namespace Monitor.Statistics.Drift;

/// <summary>
/// Infers a feature's kind from text values (a CSV column, say): numeric when every non-empty value parses as
/// a number in the invariant culture, categorical otherwise. Empty text and "null"/"NA"/"NaN" count as missing.
/// </summary>
public static class FeatureKindInference
{
    public static FeatureKind Infer(IEnumerable<string?> values)
    {
        foreach (string? value in values)
        {
            if (IsMissing(value))
            {
                continue;
            }

            if (!TryParseNumber(value, out _))
            {
                return FeatureKind.Categorical;
            }
        }

        return FeatureKind.Numeric;
    }

    public static bool IsMissing(string? value) =>
        string.IsNullOrWhiteSpace(value)
        || value.Equals("null", StringComparison.OrdinalIgnoreCase)
        || value.Equals("na", StringComparison.OrdinalIgnoreCase)
        || value.Equals("nan", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a finite number; infinities are refused (they have no place in a distribution).</summary>
    public static bool TryParseNumber(string? value, out double number)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            return true;
        }

        number = double.NaN;
        return false;
    }
}

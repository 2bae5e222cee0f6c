using System.Globalization;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// The class name of a numeric class label: "1" for 1 and 1.0, as the version window names numeric
/// predictions, so a label 1 (or "1") and a prediction 1 are the same class.
/// </summary>
public static class NumericClass
{
    private static readonly string[] Small = [.. Enumerable.Range(0, 1024).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static string Text(double value)
    {
        if (value >= 0 && value < Small.Length && value == Math.Floor(value))
        {
            return Small[(int)value];
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace Monitor.Grains.Drift;

/// <summary>The text of a number used as a category or class label: its shortest round-trip form ("7", "2.5").</summary>
public static class NumberLabel
{
    private static readonly string[] Small = [.. Enumerable.Range(0, 100).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static string Of(double value)
    {
        // Class labels are mostly small whole numbers: skip formatting for those.
        if (value >= 0 && value < Small.Length && value == Math.Floor(value))
        {
            return Small[(int)value];
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}

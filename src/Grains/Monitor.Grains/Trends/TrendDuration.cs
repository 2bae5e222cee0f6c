using System.Globalization;

namespace Monitor.Grains.Trends;

/// <summary>Durations inside trend expressions: whole numbers with units, largest first (<c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>1d</c>).</summary>
public static class TrendDuration
{
    private static readonly (char Unit, TimeSpan Size)[] Units =
        [('d', TimeSpan.FromDays(1)), ('h', TimeSpan.FromHours(1)), ('m', TimeSpan.FromMinutes(1)), ('s', TimeSpan.FromSeconds(1))];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var position = 0;
        var nextUnit = 0;
        while (position < text.Length)
        {
            var digits = position;
            while (digits < text.Length && char.IsAsciiDigit(text[digits]))
            {
                digits++;
            }

            if (digits == position || digits == text.Length || digits - position > 6)
            {
                return false;
            }

            var unit = Array.FindIndex(Units, nextUnit, u => u.Unit == text[digits]);
            if (unit < 0)
            {
                return false;
            }

            value += Units[unit].Size * int.Parse(text.AsSpan(position, digits - position), CultureInfo.InvariantCulture);
            nextUnit = unit + 1;
            position = digits + 1;
        }

        return position > 0;
    }

    public static string Format(TimeSpan value) =>
        value.TotalSeconds % 3600 == 0 ? $"{(long)value.TotalHours}h"
        : value.TotalSeconds % 60 == 0 ? $"{(long)value.TotalMinutes}m"
        : $"{(long)value.TotalSeconds}s";
}

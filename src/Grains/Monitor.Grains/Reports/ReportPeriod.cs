using System.Globalization;

namespace Monitor.Grains.Reports;

/// <summary>A report's period as people write it: a whole number and a unit, m (minutes), h, d or w (e.g. 7d).</summary>
public readonly record struct ReportPeriod(TimeSpan Length, string Text)
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static ReportPeriod Default { get; } = new(TimeSpan.FromDays(7), "7d");

    public int Minutes => (int)Length.TotalMinutes;

    /// <summary>Parses "7d", "24h", "90m", "2w"; null (default) for empty input; a reason when the text is not a period.</summary>
    public static bool TryParse(string? raw, out ReportPeriod period, out string? reason)
    {
        period = Default;
        reason = null;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        var text = raw.Trim();
        var unit = text.Length > 1 ? char.ToLowerInvariant(text[^1]) : '\0';
        TimeSpan? one = unit switch
        {
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (one is null || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            reason = $"must be a whole number followed by m, h, d or w (e.g. 7d, 24h, 90m), got '{Shown(raw)}'";
            return false;
        }

        if (count < 1 || count > Longest.Ticks / one.Value.Ticks)
        {
            reason = $"must be from 1m to {(int)Longest.TotalDays}d, got '{Shown(raw)}'";
            return false;
        }

        period = new ReportPeriod(one.Value * count, $"{count}{unit}");
        return true;
    }

    /// <summary>The shortest text for a length of whole minutes (days when whole days).</summary>
    public static ReportPeriod Of(TimeSpan length) =>
        length.Ticks % TimeSpan.TicksPerDay == 0 ? new(length, $"{length.Ticks / TimeSpan.TicksPerDay}d")
        : length.Ticks % TimeSpan.TicksPerHour == 0 ? new(length, $"{length.Ticks / TimeSpan.TicksPerHour}h")
        : new(length, $"{(long)length.TotalMinutes}m");

    private static string Shown(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}

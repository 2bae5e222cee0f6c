namespace Monitor.Gateway.Api;

/// <summary>Parses and bounds query-string values, producing a problem answer instead of an exception.</summary>
public static class QueryParameters
{
    public static bool TryInt(string? raw, string name, int fallback, int min, int max, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            problem = Problems.Field(name, $"must be a whole number from {min} to {max}, got '{Truncate(raw)}'");
            return false;
        }

        return true;
    }

    public static bool TryTime(string? raw, string name, out DateTimeOffset? value, out IResult? problem)
    {
        problem = null;
        value = null;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = Problems.Field(name, $"must be an RFC 3339 time such as 2026-11-24T10:00:00Z, got '{Truncate(raw)}'");
        return false;
    }

    private static string Truncate(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}

namespace Monitor.Grains.Reports;

/// <summary>How a review report is written out.</summary>
public enum ReportFormat
{
    Html,
    Json,
    Md,
}

public static class ReportFormats
{
    public static bool TryParse(string? raw, out ReportFormat format, out string? reason)
    {
        reason = null;
        format = ReportFormat.Html;
        switch (raw?.Trim().ToLowerInvariant())
        {
            case null or "" or "html":
                return true;
            case "json":
                format = ReportFormat.Json;
                return true;
            case "md" or "markdown":
                format = ReportFormat.Md;
                return true;
            default:
                reason = $"must be html, json or md, got '{(raw!.Length <= 40 ? raw : raw[..40] + "…")}'";
                return false;
        }
    }

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Json => "application/json; charset=utf-8",
        ReportFormat.Md => "text/markdown; charset=utf-8",
        _ => "text/html; charset=utf-8",
    };

    public static string Extension(ReportFormat format) => format switch
    {
        ReportFormat.Json => "json",
        ReportFormat.Md => "md",
        _ => "html",
    };
}

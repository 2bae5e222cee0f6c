namespace Monitor.Grains.Reports.Rendering;

/// <summary>Writes a report in the format asked for.</summary>
public static class ReportRenderer
{
    public static string Render(ReviewReport report, ReportFormat format) => format switch
    {
        ReportFormat.Json => JsonReportRenderer.Render(report),
        ReportFormat.Md => MarkdownReportRenderer.Render(report),
        _ => HtmlReportRenderer.Render(report),
    };
}

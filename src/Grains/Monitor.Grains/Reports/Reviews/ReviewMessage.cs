using System.Globalization;
using Monitor.Grains.Reports.Rendering;

namespace Monitor.Grains.Reports.Reviews;

/// <summary>A scheduled review as channels send it: a subject, the "what changed" summary, the full HTML report and a link to the report.</summary>
public sealed record ReviewMessage
{
    public required string Model { get; init; }
    public string? Version { get; init; }
    public required string Schedule { get; init; }
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    public required string Subject { get; init; }

    /// <summary>"What changed" as Markdown.</summary>
    public required string Summary { get; init; }
    public required string Html { get; init; }
    public required string ReportUrl { get; init; }
    public required WhatChanged Changes { get; init; }

    public static ReviewMessage From(ReviewReport report, ReviewSchedule schedule, DateTimeOffset start, DateTimeOffset end, string externalUrl)
    {
        var who = report.Version is null ? report.Model : $"{report.Model}/{report.Version}";
        var period = schedule.Schedule == ReviewSchedule.Monthly
            ? start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
            : "week of " + start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = $"{externalUrl.TrimEnd('/')}/v1/models/{Uri.EscapeDataString(report.Model)}/report?period={report.Period}"
            + (report.Version is null ? "" : $"&version={Uri.EscapeDataString(report.Version)}");
        return new ReviewMessage
        {
            Model = report.Model,
            Version = report.Version,
            Schedule = schedule.Schedule,
            PeriodStart = start,
            PeriodEnd = end,
            Subject = $"Monitor {schedule.Schedule} review: {who}, {period}",
            Summary = MarkdownReportRenderer.Summary(report),
            Html = HtmlReportRenderer.Render(report),
            ReportUrl = url,
            Changes = report.WhatChanged,
        };
    }
}

using System.Text.Json;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>The report as data: the <see cref="ReviewReport"/> in Monitor's JSON shape (snake_case, nulls left out).</summary>
public static class JsonReportRenderer
{
    public static string Render(ReviewReport report) => JsonSerializer.Serialize(report, MonitorJson.Options);
}

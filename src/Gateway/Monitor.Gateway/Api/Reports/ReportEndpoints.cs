using Microsoft.Extensions.Options;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Security;
using Monitor.Grains.History;
using Monitor.Grains.Models;
using Monitor.Grains.Reports;
using Monitor.Grains.Reports.Rendering;
using Monitor.Grains.Windows;

namespace Monitor.Gateway.Api.Reports;

/// <summary>GET /v1/models/{model}/report: a model's review over a period, as HTML, JSON or Markdown.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models/{model}/report", GetReport)
            .RequireAuthorization(ApiPolicies.Read)
            .WithTags("Reports")
            .WithSummary("A review of the model over a period: what changed, traffic, latency, outputs, drift, data quality, performance, business, A/B and alerts")
            .WithDescription("HTML (the default) is one self-contained page with its charts as inline SVG, for reading offline or printing; "
                + "json is the same content as data; md is Markdown text. Figures from the version windows cover at most their retention (24 h by default); the report says so.")
            .WithTextQuery("period", "How far back the review looks: a whole number and m, h, d or w (default 7d, at most 366d)")
            .WithTextQuery("version", "One version to review (default: every version of the model)")
            .WithTextQuery("format", "html (default), json or md")
            .Produces<string>(StatusCodes.Status200OK, "text/html", "application/json", "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetReport(
        string model, string? period, string? version, string? format, HttpContext context, IGrainFactory grains, TimeProvider time, IOptions<VersionWindowOptions> windows,
        IOptions<VersionHistoryOptions> history)
    {
        if (!ReportPeriod.TryParse(period, out var length, out var reason))
        {
            return Problems.Field("period", reason!);
        }

        if (!ReportFormats.TryParse(format, out var kind, out reason))
        {
            return Problems.Field("format", reason!);
        }

        var versions = await grains.GetGrain<IModelGrain>(model).GetVersions();
        if (versions.Count == 0)
        {
            return Problems.Field("model", $"no model '{Problems.Shown(model)}' has received predictions", StatusCodes.Status404NotFound);
        }

        if (!string.IsNullOrEmpty(version) && !versions.Contains(version))
        {
            return Problems.Field("version", $"model '{Problems.Shown(model)}' has no version '{Problems.Shown(version)}'", StatusCodes.Status404NotFound);
        }

        var lastReview = await grains.GetGrain<IModelReviewsGrain>(model).GetLastFigures();
        var inputs = await new ReportSource(grains).LoadAsync(
            model, string.IsNullOrEmpty(version) ? null : version, length, time.GetUtcNow(), windows.Value.Retention, windows.Value.FineSpan, lastReview, history.Value.Reach);
        var report = ReviewReportBuilder.Build(inputs);
        if (kind == ReportFormat.Html)
        {
            // The page needs nothing from anywhere: say so, so a hostile name in it could not load or run anything either.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
        }

        return TypedResults.Text(ReportRenderer.Render(report, kind), ReportFormats.ContentType(kind));
    }
}

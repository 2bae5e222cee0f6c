using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The review report (GET /v1/models/{m}/report) as a reader opens it in Chromium: offline, every section drawn, and
/// printed to PDF with whole sections and a 10 x 10 confusion matrix that fits the page instead of being cut.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class ReviewReportPageTests(DashboardFixture fixture)
{
    /// <summary>A4 less 10 mm margins each side, in CSS pixels: the width a printed page lays out in.</summary>
    private const int PrintableWidth = 718;

    [Fact]
    public async Task The_review_opens_offline_with_every_section_and_chart_drawn()
    {
        await fixture.OutcomesAsync();
        await using var view = await fixture.OpenAsync("/v1/models/fraud/report?period=24h");
        var page = view.Page;

        foreach (var id in new[] { "what-changed", "traffic-v1", "latency-v1", "outputs-v1", "performance-v1", "traffic-v2", "ab", "alerts" })
        {
            var box = await page.Locator($"section#{id}").BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 40 }, $"section {id} is drawn");
        }

        var charts = page.Locator("section#traffic-v1 svg, section#latency-v1 svg");
        Assert.True(await charts.CountAsync() >= 2);
        foreach (var chart in await charts.AllAsync())
        {
            Assert.True(await chart.BoundingBoxAsync() is { Width: > 200, Height: > 80 }, "a chart has its size");
        }

        Assert.Contains("v2 against v1 (champion)", await page.InnerTextAsync("section#ab"), StringComparison.Ordinal);
        Assert.Contains(FiringRuleName(), await page.InnerTextAsync("section#alerts"), StringComparison.Ordinal);
        await view.ScreenshotAsync("review-report.png");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task It_prints_whole_sections_and_a_ten_class_confusion_matrix_within_the_page()
    {
        await using var view = await fixture.OpenAsync("/v1/models/wide/report?period=24h");
        var page = view.Page;
        await page.SetViewportSizeAsync(PrintableWidth, 1000);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var matrix = page.Locator("section#performance-v1 table").Filter(new LocatorFilterOptions { HasText = "c10" }).First;
        Assert.True(await matrix.CountAsync() == 1, "the performance section shows the 10 x 10 confusion matrix");
        var layout = await page.EvaluateAsync<JsonElement>(
            """
            () => ({
              width: document.documentElement.clientWidth,
              widest: Math.max(...[...document.querySelectorAll('table, svg')].map(e => e.getBoundingClientRect().right)),
              cut: [...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth + 1).length,
              sections: [...document.querySelectorAll('section')].map(s => getComputedStyle(s).breakInside),
            })
            """);
        Assert.True(layout.GetProperty("widest").GetDouble() <= layout.GetProperty("width").GetDouble() + 1, $"every table and chart fits the printed width: {layout}");
        Assert.Equal(0, layout.GetProperty("cut").GetInt32());
        Assert.All(layout.GetProperty("sections").EnumerateArray(), s => Assert.Equal("avoid", s.GetString()));

        var pdf = await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            Margin = new Margin { Top = "10mm", Bottom = "10mm", Left = "10mm", Right = "10mm" },
            Path = Path.Combine(DashboardFixture.ArtefactDirectory, "review-report.pdf"),
        });
        var pages = PdfPage().Matches(Encoding.Latin1.GetString(pdf)).Count;
        Assert.InRange(pages, 1, 30);
        view.AssertSelfContained();
    }

    private static string FiringRuleName() => DashboardFixture.FiringRule;

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PdfPage();
}

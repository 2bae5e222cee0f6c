using System.Text.Json;
using System.Xml.Linq;
using Monitor.Grains.Reports;
using Monitor.Grains.Reports.Rendering;

namespace Monitor.Grains.Tests.Reports;

public sealed class ReportRendererTests
{
    private static readonly string[] Sections = ["what-changed", "traffic-v1", "latency-v1", "outputs-v1", "drift-v1", "quality-v1", "performance-v1", "business-v1", "ab", "alerts"];

    /// <summary>The page without its doctype, as XML: every element closed, every text escaped.</summary>
    private static XDocument Parse(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        return XDocument.Parse(html["<!DOCTYPE html>".Length..]);
    }

    [Fact]
    public void The_html_page_is_well_formed_has_every_section_and_draws_its_charts_inline()
    {
        var html = HtmlReportRenderer.Render(ReviewReportBuilder.Build(ReportSamples.Inputs()));
        var page = Parse(html);

        var ids = page.Descendants("section").Select(s => (string?)s.Attribute("id")).ToHashSet();
        foreach (var section in Sections)
        {
            Assert.Contains(section, ids);
        }

        Assert.True(page.Descendants("svg").Count() >= 6);
        Assert.Contains(page.Descendants("path"), p => ((string?)p.Attribute("d"))?.StartsWith('M') == true);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("Newly drifted: v1/amount", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_page_needs_nothing_from_outside()
    {
        var html = HtmlReportRenderer.Render(ReviewReportBuilder.Build(ReportSamples.Inputs()));
        var page = Parse(html);

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe" or "object");
        Assert.DoesNotContain(page.Descendants().Attributes(), a => a.Name.LocalName is "src" or "href");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "a\"b<c>&d")]
    [InlineData("m&amp;", "x' onload='y")]
    [InlineData("\u0001ctl|pipe", "ünï\u2028code")]
    public void Hostile_names_are_text_in_every_format(string model, string feature)
    {
        var report = ReviewReportBuilder.Build(ReportSamples.Inputs(model, "v1", feature));
        var html = HtmlReportRenderer.Render(report);
        var page = Parse(html.Replace("\u0001", "", StringComparison.Ordinal));

        Assert.Empty(page.Descendants("script"));
        Assert.Contains(page.Descendants("td"), td => td.Value == feature.Replace("\u0001", "", StringComparison.Ordinal));
        Assert.Equal(model, JsonDocument.Parse(JsonReportRenderer.Render(report)).RootElement.GetProperty("model").GetString());
        var md = MarkdownReportRenderer.Render(report);
        Assert.DoesNotContain('\u0001', md);
        Assert.All(md.Split('\n').Where(l => l.StartsWith('|')), line => Assert.EndsWith("|", line));
    }

    [Fact]
    public void Json_is_the_same_content_as_data()
    {
        var report = ReviewReportBuilder.Build(ReportSamples.Inputs());
        var json = JsonDocument.Parse(JsonReportRenderer.Render(report)).RootElement;

        Assert.Equal("fraud", json.GetProperty("model").GetString());
        Assert.Equal("12h", json.GetProperty("period").GetString());
        var figures = json.GetProperty("what_changed").GetProperty("figures");
        Assert.Equal("error_rate", figures[1].GetProperty("figure").GetString());
        Assert.Equal("worse", figures[1].GetProperty("direction").GetString());
        Assert.Equal("v1/amount", json.GetProperty("what_changed").GetProperty("newly_drifted")[0].GetString());
        var version = json.GetProperty("versions")[0];
        Assert.Equal(240, version.GetProperty("summary").GetProperty("total_requests").GetInt64());
        Assert.Equal("cramer_von_mises", version.GetProperty("drift").GetProperty("features")[0].GetProperty("verdict").GetProperty("test").GetString());
        Assert.Equal(12, version.GetProperty("series").GetArrayLength());
        Assert.Equal(2, json.GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public void Markdown_reads_as_text_with_the_figures_in_tables()
    {
        var md = MarkdownReportRenderer.Render(ReviewReportBuilder.Build(ReportSamples.Inputs()));

        Assert.StartsWith("# Review of fraud\n", md, StringComparison.Ordinal);
        foreach (var heading in new[] { "## What changed", "## Version v1", "### Traffic and errors", "### Latency", "### Output distribution", "### Drift per feature", "### Data quality", "### Performance, realized and estimated", "### Business figures", "## A/B results", "## Alerts of the period" })
        {
            Assert.Contains("\n" + heading + "\n", md, StringComparison.Ordinal);
        }

        Assert.Contains("| error rate | 0.83% | 10% | +1100% worse |", md, StringComparison.Ordinal);
        Assert.Contains("| amount | evaluated | cramer_von_mises | 0.001 | yes | 1 of 3 |", md, StringComparison.Ordinal);
        Assert.Contains("Newly drifted: v1/amount", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_with_no_values_say_so_instead_of_drawing_nothing()
    {
        var svg = SvgChart.Line("empty", [], []);
        Assert.Contains("no data in the period", svg, StringComparison.Ordinal);
        var gaps = SvgChart.Line("gaps", [ReportSamples.Now, ReportSamples.Now.AddHours(1), ReportSamples.Now.AddHours(2)], [new("s", "#000", [1.0, null, double.NaN])]);
        Assert.Contains("d=\"M", gaps, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", gaps, StringComparison.Ordinal);
    }
}

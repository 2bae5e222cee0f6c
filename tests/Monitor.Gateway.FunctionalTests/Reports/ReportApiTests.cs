using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Monitor.Cli;

namespace Monitor.Gateway.FunctionalTests.Reports;

/// <summary>GET /v1/models/{model}/report on a real node: formats, what it covers, refusals, and <c>monitor report</c> against it.</summary>
public sealed class ReportApiTests(MonitorFactory factory) : IClassFixture<MonitorFactory>
{
    private readonly HttpClient _http = factory.CreateClient();

    private async Task Traffic(string model)
    {
        var random = new Random(5);
        foreach (var version in new[] { "v1", "v2" })
        {
            var records = Enumerable.Range(0, 120).Select(i => ApiClient.Record(model, version, 5 + (i % 10), status: i % 20 == 0 ? "error" : "success", error: i % 20 == 0 ? "Timeout" : null)).ToArray();
            Assert.Equal(202, (await _http.PostJson("/v1/predictions", records)).Status);
        }

        using var reference = await _http.PutJson($"/v1/models/{model}/versions/v1/reference", new
        {
            features = new
            {
                amount = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 100).ToArray(),
                country = Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? "FR" : "DE").ToArray(),
            },
        });
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        using var champion = await _http.PutJson($"/v1/models/{model}/champion", new { version = "v1" });
        Assert.Equal(HttpStatusCode.OK, champion.StatusCode);
    }

    [Fact]
    public async Task The_html_report_is_one_self_contained_page_with_every_section()
    {
        await Traffic("report-html");

        using var response = await _http.GetAsync("/v1/models/report-html/report?period=7d");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        var ids = page.Descendants("section").Select(s => (string?)s.Attribute("id")).ToHashSet();
        foreach (var id in new[] { "what-changed", "traffic-v1", "latency-v2", "outputs-v1", "drift-v1", "drift-v2", "quality-v1", "performance-v1", "business-v1", "ab", "alerts" })
        {
            Assert.Contains(id, ids);
        }

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link" or "img");
        Assert.Contains("cover the 7 d from the versions' hourly history", html.Replace("&#39;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("v2 against v1 (champion)", html, StringComparison.Ordinal);
        Assert.Contains("cramer_von_mises", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_with_segment_keys_reports_each_segment_in_json_html_and_markdown()
    {
        using (var declared = await _http.PutJson("/v1/models/report-seg/versions/v1/segments", new { keys = new[] { "country" } }))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
        }

        var records = Enumerable.Range(0, 40).Select(i => ApiClient.Record("report-seg", "v1", 5 + i)).ToArray();
        Assert.Equal(202, (await _http.PostJson("/v1/predictions", records)).Status);

        var (status, json) = await _http.GetJson("/v1/models/report-seg/report?period=24h&format=json");
        var html = await _http.GetStringAsync("/v1/models/report-seg/report?period=24h");
        var md = await _http.GetStringAsync("/v1/models/report-seg/report?period=24h&format=md");

        Assert.Equal(200, status);
        var version = Assert.Single(json!["versions"]!.AsArray())!;
        Assert.Equal("country", (string)version["segment_keys"]![0]!);
        var germany = version["segments"]!.AsArray().Single(s => (string)s!["segment"]! == "country:DE")!;
        Assert.Equal(40, (long)germany["total_requests"]!);
        Assert.Contains(json["notes"]!.AsArray(), n => (string)n! == Monitor.Grains.Reports.ReviewReportBuilder.SegmentFiguresNote);
        Assert.Contains("<section id=\"segments-v1\">", html, StringComparison.Ordinal);
        Assert.Contains("<td>country:DE</td>", html, StringComparison.Ordinal);
        Assert.Contains("### Segments", md, StringComparison.Ordinal);
        Assert.Contains("| country:DE |", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_and_markdown_carry_the_same_figures()
    {
        await Traffic("report-data");

        var (status, json) = await _http.GetJson("/v1/models/report-data/report?period=2h&format=json&version=v2");
        using var md = await _http.GetAsync("/v1/models/report-data/report?period=2h&format=md&version=v2");
        var text = await md.Content.ReadAsStringAsync();

        Assert.Equal(200, status);
        Assert.Equal("v2", (string)json!["version"]!);
        Assert.Equal(120, (int)json["covered_minutes"]!);
        Assert.Equal("windows", (string)json["what_changed"]!["previous_source"]!);
        Assert.Equal(120, (long)json["what_changed"]!["current"]!["requests"]!);
        Assert.Equal(6, (long)json["what_changed"]!["current"]!["errors"]!);
        var version = Assert.Single(json["versions"]!.AsArray());
        Assert.Equal(120, (long)version!["summary"]!["total_requests"]!);
        Assert.Equal("v1", (string)json["comparison"]!["champion"]!);
        Assert.Equal("text/markdown", md.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("# Review of report-data/v2\n", text, StringComparison.Ordinal);
        Assert.Contains("| requests | 0 | 120 |", text, StringComparison.Ordinal);
        Assert.Contains("120 requests, 6 errors", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("period=7", "period")]
    [InlineData("period=0d", "period")]
    [InlineData("period=400d", "period")]
    [InlineData("format=pdf", "format")]
    [InlineData("period=%00%FF", "period")]
    public async Task Bad_values_are_problems_naming_the_field(string query, string field)
    {
        await Traffic("report-bad");
        await Http.AssertProblem(await _http.GetAsync($"/v1/models/report-bad/report?{query}"), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Unknown_models_and_versions_are_not_found()
    {
        await Traffic("report-known");
        await Http.AssertProblem(await _http.GetAsync("/v1/models/report-nobody/report"), HttpStatusCode.NotFound, "model");
        await Http.AssertProblem(await _http.GetAsync("/v1/models/report-known/report?version=v9"), HttpStatusCode.NotFound, "version");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_report_and_its_parameters()
    {
        var (_, document) = await _http.GetJson("/openapi/v1.json");
        var get = document!["paths"]!["/v1/models/{model}/report"]!["get"]!;
        var names = get["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("period", names);
        Assert.Contains("format", names);
        Assert.Contains("version", names);
        Assert.NotNull(get["responses"]!["400"]);
        Assert.NotNull(document["paths"]!["/v1/models/{model}/reviews"]!["put"]);
    }

    [Fact]
    public async Task Monitor_report_writes_the_gateways_report_to_a_file()
    {
        await Traffic("report-cli");
        var file = Path.Combine(Directory.CreateTempSubdirectory("monitor-report-").FullName, "review.md");
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new System.CommandLine.RootCommand { ReportCommand.Create(() => factory.CreateClient()) };

        var exit = await root.Parse(["report", "--url", "http://localhost", "--model", "report-cli", "--period", "1d", "--format", "md", "--output", file])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        Assert.True(exit == 0, error.ToString());
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("# Review of report-cli\n", text, StringComparison.Ordinal);
        Assert.Contains("## Version v2", text, StringComparison.Ordinal);

        var missing = await root.Parse(["report", "--url", "http://localhost", "--model", "report-cli-none"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        Assert.Equal(1, missing);
        Assert.Contains("404: model: no model 'report-cli-none'", error.ToString(), StringComparison.Ordinal);
    }
}

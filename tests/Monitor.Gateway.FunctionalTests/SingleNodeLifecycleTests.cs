using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>What a single node keeps across a graceful restart, and what its version cap refuses.</summary>
public sealed class SingleNodeLifecycleTests
{
    [Fact]
    public async Task Restart_keeps_models_versions_and_window_state_and_the_log_has_every_record()
    {
        string directory;
        await using (var first = new MonitorFactory())
        {
            directory = first.DataDirectory;
            var http = first.CreateClient();
            var records = Enumerable.Range(0, 50).Select(i => ApiClient.Record("durable", i % 2 == 0 ? "a" : "b", i)).ToArray();
            Assert.Equal(202, (await http.PostJson("/v1/predictions", records)).Status);
        }

        var lines = Directory.GetFiles(Path.Combine(directory, "predictions"), "*.jsonl").Sum(f => File.ReadAllLines(f).Length);
        Assert.Equal(50, lines);

        await using var second = MonitorFactory.With(directory);
        var again = second.CreateClient();
        var (_, list) = await again.GetJson("/v1/models");
        var versions = list!["models"]!.AsArray().Single(m => (string)m!["model"]! == "durable")!["versions"]!.AsArray();
        Assert.Equal(["a", "b"], versions.Select(v => (string)v!["version"]!).Order());
        var (_, summary) = await again.GetJson("/v1/models/durable/versions/a/summary?minutes=60");
        Assert.Equal(25, (long)summary!["total_requests"]!);
    }

    [Fact]
    public async Task Versions_past_the_cap_are_refused_with_a_clear_reason()
    {
        await using var factory = MonitorFactory.With(settings: new Dictionary<string, string?> { ["Monitor:Registry:MaxVersions"] = "2" });
        var http = factory.CreateClient();

        Assert.Equal(2, (int)(await http.PostJson("/v1/predictions", new[] { ApiClient.Record("capped", "v1", 1), ApiClient.Record("capped", "v2", 1) })).Body!["accepted"]!);

        var (status, body) = await http.PostJson("/v1/predictions", new[]
        {
            ApiClient.Record("capped", "v1", 1),
            ApiClient.Record("capped", "v3", 1),
            ApiClient.Record("capped", "v2", 1),
        });

        Assert.Equal(202, status);
        Assert.Equal(2, (int)body!["accepted"]!);
        var error = body["errors"]!.AsArray().Single()!;
        Assert.Equal(1, (int)error["index"]!);
        Assert.Equal("version_cap", (string)error["reason"]!);
        Assert.Contains("MaxVersions", (string)error["error"]!);
    }
}

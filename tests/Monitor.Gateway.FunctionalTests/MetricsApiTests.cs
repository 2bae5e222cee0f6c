using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Monitor.Gateway.FunctionalTests;

public sealed partial class MetricsApiTests : IClassFixture<MonitorFactory>
{
    private readonly HttpClient _http;

    public MetricsApiTests(MonitorFactory factory) => _http = factory.CreateClient();

    [Fact]
    public async Task Exposition_keeps_the_baseline_families_and_passes_promtool()
    {
        await _http.PostJson("/v1/predictions", new[]
        {
            ApiClient.Record("metrics", "v1", 12),
            ApiClient.Record("metrics", "v1", 30, status: "error", error: "Timeout", confidence: 0.55),
            ApiClient.Record("metrics", "v1", -1),
        });

        var text = await _http.GetStringAsync("/metrics");

        Assert.Contains("predictions_total{model=\"metrics\",model_version=\"v1\",status=\"success\"} 1", text);
        Assert.Contains("predictions_total{model=\"metrics\",model_version=\"v1\",status=\"error\"} 1", text);
        Assert.Contains("prediction_latency_seconds_bucket{model=\"metrics\",model_version=\"v1\",le=\"0.025\"} 1", text);
        Assert.Contains("model_confidence_bucket{model=\"metrics\",model_version=\"v1\",le=\"0.6\"} 1", text);
        Assert.Contains("# TYPE active_requests gauge", text);
        Assert.Matches(RejectedInvalidValue(), text);
        Assert.Contains("process_cpu_seconds_total", text);
        Assert.Contains("dotnet_total_memory_bytes", text);
        Assert.Matches(HeapGeneration(), text);
        Assert.Contains("dotnet_gc_committed_bytes ", text);
        Assert.Contains("dotnet_gc_live_bytes", text);
        Assert.Contains("microsoft_orleans_", text);

        var (exit, output) = await Promtool(text);
        Assert.True(exit == 0, output);
    }

    private static async Task<(int Exit, string Output)> Promtool(string exposition)
    {
        using var promtool = Process.Start(new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();
        return (promtool.ExitCode, output);
    }

    [GeneratedRegex(@"dotnet_gc_heap_size_bytes\{generation=""gen2""\} [0-9]")]
    private static partial Regex HeapGeneration();

    [GeneratedRegex(@"monitor_ingest_records_rejected_total\{reason=""invalid_value""\} [1-9]")]
    private static partial Regex RejectedInvalidValue();
}

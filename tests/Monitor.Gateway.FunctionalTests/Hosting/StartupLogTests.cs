using System.Net;
using System.Text;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>What the gateway, started as a real process with its shipped settings, logs on a normal start and first request.</summary>
public sealed class StartupLogTests
{
    [Fact]
    public async Task A_normal_start_logs_no_false_stall_no_retry_noise_and_no_failure()
    {
        await using var gateway = await GatewayProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = gateway.Address };
        var answer = await http.PostAsync("/v1/predictions", new StringContent("""{"model":"start","version":"v1","latency_ms":3,"status":"success"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v1/models/start/versions/v1/summary")).StatusCode);

        var output = gateway.Output;
        Assert.DoesNotContain("Participant check thread has not completed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("stalled for", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Polly", output, StringComparison.Ordinal);
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("crit:", output, StringComparison.Ordinal);

        // The one warning a start without API keys gives is the advice to configure them.
        var warnings = output.Split('\n').Count(l => l.StartsWith("warn:", StringComparison.Ordinal));
        Assert.True(warnings <= 1, output);
    }
}

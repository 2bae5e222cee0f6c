using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Gateway.Routing;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// A stalled silo: the gateway holds requests within its bound (records and bytes), answers 503 with
/// Retry-After past it, and acknowledges held records only once they are applied.
/// </summary>
public sealed class BackpressureTests
{
    [Fact]
    public async Task Past_its_bound_the_gateway_answers_503_and_never_drops_what_it_acknowledged()
    {
        var stall = new StalledIngest();
        await using var factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Gateway:MaxBufferedRecords"] = "150",
            ["Monitor:Gateway:RetryAfter"] = "00:00:03",
        });
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IIncomingGrainCallFilter>(stall)));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // This gateway's own buffer (the Prometheus gauges are shared by every gateway in the test process).
        var buffer = app.Services.GetRequiredService<IngestBuffer>();

        stall.Hold();
        var held = client.PostAsync("/v1/predictions", Records("bp", 100));
        await Eventually.TrueAsync("100 records in the buffer", () => buffer.Records == 100);
        Assert.True(buffer.Bytes > 0);

        using (var refused = await client.PostAsync("/v1/predictions", Records("bp", 100)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("nothing of this request was kept", await refused.Content.ReadAsStringAsync());
        }

        // Nothing is acknowledged while the silo holds the call.
        Assert.False(held.IsCompleted);
        stall.Release();
        using (var first = await held)
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using (var again = await client.PostAsync("/v1/predictions", Records("bp", 100)))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        var summary = JsonDocument.Parse(await client.GetStringAsync("/v1/models/bp/versions/v1/summary")).RootElement;
        Assert.Equal(200, summary.GetProperty("total_requests").GetInt64());
        Assert.Equal(0, buffer.Records);
        Assert.Equal(0, buffer.Bytes);
        Assert.Contains("monitor_gateway_buffered_records", await client.GetStringAsync("/metrics"));
    }

    private static StringContent Records(string model, int count) => new(
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$"""{"model":"{{model}}","version":"v1","latency_ms":{{i}},"status":"success"}""")) + "]",
        Encoding.UTF8,
        "application/json");

    /// <summary>Holds every ingest call in the silo until released, as a stalled silo would.</summary>
    private sealed class StalledIngest : IIncomingGrainCallFilter
    {
        private volatile TaskCompletionSource _gate = CompletedGate();

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            // Ingest arrives plain or through the version's ingest chain; both are held.
            if (context.Grain is IModelVersionGrain
                && context.InterfaceMethod?.Name is nameof(IModelVersionGrain.Ingest) or nameof(IVersionIngestChainGrain.IngestFollowing))
            {
                await _gate.Task;
            }

            await context.Invoke();
        }

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}

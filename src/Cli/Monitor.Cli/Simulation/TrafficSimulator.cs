using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Monitor.Cli.Simulation;

/// <summary>Sends a plan's traffic to a gateway at a steady rate, in batches, round-robin over versions.</summary>
public sealed class TrafficSimulator(SimulationPlan plan, HttpClient http, TextWriter output)
{
    public long Sent { get; private set; }
    public long Accepted { get; private set; }
    public long Rejected { get; private set; }
    public long FailedRequests { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(plan.Seed);
        var factory = new RecordFactory(plan, random);
        var clock = Stopwatch.StartNew();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var nextReport = TimeSpan.FromSeconds(5);
        var versionIndex = 0;
        while (clock.Elapsed < plan.Duration && !cancellationToken.IsCancellationRequested)
        {
            // Send whatever the rate says is due by now, one batch at a time.
            var due = (long)(clock.Elapsed.TotalSeconds * plan.RecordsPerSecond) - Sent;
            if (due < Math.Min(plan.BatchSize, Math.Max(1, plan.RecordsPerSecond / 10)))
            {
                await Task.Delay(5, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var (model, version) = plan.Versions[versionIndex++ % plan.Versions.Count];
            var count = (int)Math.Min(due, plan.BatchSize);
            buffer.ResetWrittenCount();
            await using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    factory.Write(json, model, version, clock.Elapsed, DateTimeOffset.UtcNow);
                }

                json.WriteEndArray();
            }

            await PostAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            Sent += count;
            if (clock.Elapsed >= nextReport)
            {
                Report(clock.Elapsed);
                nextReport += TimeSpan.FromSeconds(5);
            }
        }

        Report(clock.Elapsed);
    }

    private async Task PostAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(new Uri(plan.Gateway, "/v1/predictions"), content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                FailedRequests++;
                return;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            Accepted += answer.RootElement.GetProperty("accepted").GetInt64();
            Rejected += answer.RootElement.GetProperty("rejected").GetInt64();
        }
        catch (HttpRequestException)
        {
            FailedRequests++;
        }
    }

    private void Report(TimeSpan elapsed) =>
        output.WriteLine($"{elapsed.TotalSeconds,6:0.0}s  sent {Sent}  accepted {Accepted}  rejected {Rejected}  failed requests {FailedRequests}  ({Sent / Math.Max(elapsed.TotalSeconds, 0.001):0} records/s)");
}

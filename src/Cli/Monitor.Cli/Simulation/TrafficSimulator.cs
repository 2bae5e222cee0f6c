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

    /// <summary>Labels and events sent after the predictions, when the plan asks for them.</summary>
    public OutcomeSender? Outcomes { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(plan.Seed);
        var factory = new RecordFactory(plan, random);
        var sent = new List<SentPrediction>(plan.BatchSize);
        Outcomes = plan.Outcomes.SendsAnything ? new OutcomeSender(plan.Outcomes, plan.Gateway, http, new Random(plan.Seed + 1)) : null;
        var clock = Stopwatch.StartNew();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var nextReport = TimeSpan.FromSeconds(5);
        var versionIndex = 0;
        while (clock.Elapsed < plan.Duration && !cancellationToken.IsCancellationRequested)
        {
            // Send whatever the rate says is due by now, one batch at a time.
            if (Outcomes is not null)
            {
                await Outcomes.SendDueAsync(clock.Elapsed, all: false, cancellationToken).ConfigureAwait(false);
            }

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
                sent.Clear();
                for (var i = 0; i < count; i++)
                {
                    sent.Add(factory.Write(json, model, version, clock.Elapsed, DateTimeOffset.UtcNow));
                }

                json.WriteEndArray();
            }

            var acknowledged = await PostAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            Sent += count;
            if (acknowledged && Outcomes is not null)
            {
                foreach (var prediction in sent)
                {
                    Outcomes.Schedule(prediction, clock.Elapsed);
                }
            }
            if (clock.Elapsed >= nextReport)
            {
                Report(clock.Elapsed);
                nextReport += TimeSpan.FromSeconds(5);
            }
        }

        // Labels and events still scheduled go out when due, so the run ends with its outcomes complete.
        while (Outcomes is { Waiting: > 0 } && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            await Outcomes.SendDueAsync(clock.Elapsed, all: false, cancellationToken).ConfigureAwait(false);
        }

        Report(clock.Elapsed);
    }

    private async Task<bool> PostAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(new Uri(plan.Gateway, "/v1/predictions"), content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                FailedRequests++;
                return false;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            Accepted += answer.RootElement.GetProperty("accepted").GetInt64();
            Rejected += answer.RootElement.GetProperty("rejected").GetInt64();
            return true;
        }
        catch (HttpRequestException)
        {
            FailedRequests++;
            return false;
        }
    }

    private void Report(TimeSpan elapsed)
    {
        var outcomes = Outcomes is { } o ? $"  labels {o.LabelsSent} (joined {o.LabelsJoined})  events {o.EventsSent}" : string.Empty;
        output.WriteLine($"{elapsed.TotalSeconds,6:0.0}s  sent {Sent}  accepted {Accepted}  rejected {Rejected}  failed requests {FailedRequests}  ({Sent / Math.Max(elapsed.TotalSeconds, 0.001):0} records/s){outcomes}");
    }
}

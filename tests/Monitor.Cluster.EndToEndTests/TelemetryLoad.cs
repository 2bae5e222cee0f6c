using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Cli.Simulation;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// Simulator traffic (the CLI's record factory) from a few concurrent senders, one version per
/// request, keeping per version what the gateway acknowledged (and when) and what it refused.
/// </summary>
public sealed class TelemetryLoad(HttpClient http, string model, IReadOnlyList<string> versions, int batchSize = 20, int senders = 4)
{
    private readonly ConcurrentDictionary<string, long> _acked = new();
    private readonly ConcurrentDictionary<string, long> _refused = new();
    private readonly ConcurrentQueue<(string Version, long Count, TimeSpan At)> _acks = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private CancellationTokenSource? _stop;
    private Task[] _running = [];
    private long _failedRequests;

    public long FailedRequests => Interlocked.Read(ref _failedRequests);

    public TimeSpan Elapsed => _clock.Elapsed;

    public long Acked(string version) => _acked.GetValueOrDefault(version);

    /// <summary>Records of requests that got no 202 (503 or no answer): not acknowledged, though a timeout race may have kept some.</summary>
    public long Refused(string version) => _refused.GetValueOrDefault(version);

    public long TotalAcked => _acked.Values.Sum();

    /// <summary>Records of a version acknowledged at or after the given time.</summary>
    public long AckedSince(string version, TimeSpan since) => _acks.Where(a => a.Version == version && a.At >= since).Sum(a => a.Count);

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _running = [.. Enumerable.Range(0, senders).Select(i => Task.Run(() => SendAsync(i, _stop.Token)))];
    }

    public async Task StopAsync()
    {
        _stop!.Cancel();
        await Task.WhenAll(_running);
    }

    private async Task SendAsync(int sender, CancellationToken stop)
    {
        var plan = new SimulationPlan { Gateway = http.BaseAddress!, Versions = [.. versions.Select(v => (model, v))], Seed = 1000 + sender };
        var factory = new RecordFactory(plan, new Random(plan.Seed));
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        for (var i = sender; !stop.IsCancellationRequested; i += senders)
        {
            var version = versions[i % versions.Count];
            buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var r = 0; r < batchSize; r++)
                {
                    factory.Write(json, model, version, _clock.Elapsed, DateTimeOffset.UtcNow);
                }

                json.WriteEndArray();
            }

            using var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                // The answer must come even when the sender is told to stop: an acknowledgement not
                // counted here would look like a record counted twice.
                using var response = await http.PostAsync("/v1/predictions", content, CancellationToken.None);
                if (response.StatusCode == System.Net.HttpStatusCode.Accepted)
                {
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None));
                    var accepted = answer.RootElement.GetProperty("accepted").GetInt64();
                    _acked.AddOrUpdate(version, accepted, (_, n) => n + accepted);
                    _acks.Enqueue((version, accepted, _clock.Elapsed));
                    var rejected = answer.RootElement.GetProperty("rejected").GetInt64();
                    if (rejected > 0)
                    {
                        _refused.AddOrUpdate(version, rejected, (_, n) => n + rejected);
                    }
                }
                else
                {
                    Interlocked.Increment(ref _failedRequests);
                    _refused.AddOrUpdate(version, batchSize, (_, n) => n + batchSize);
                    await Task.Delay(100, CancellationToken.None);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failedRequests);
                _refused.AddOrUpdate(version, batchSize, (_, n) => n + batchSize);
            }
        }
    }
}

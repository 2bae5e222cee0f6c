using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Monitor.Benchmarks.OutcomeLoad;

/// <summary>
/// Measures prediction ingest alone and with labels (and events) joined beside it at a set rate:
///   OutcomeLoad URL [seconds=10] [labels/s=100000] [events/s=0] [labels name version=true] [server pid] [rounds=3] [baseline URL]
/// Prints one Markdown row per phase; checks every label and event sent was acknowledged and joined.
/// With a baseline URL (a build without labels and the join index, started beside the server) each round
/// also sends the same predictions with ids to the baseline, while the server idles, so the slowdown of
/// the whole feature is measured against the same machine load.
/// With the server's pid (Linux) it also reports the server's CPU time per prediction and per label,
/// which shared, busy machines distort far less than throughput.
/// </summary>
public static class Program
{
    private const int Versions = 8;
    private const int PredictionBatch = 100;
    private const int OutcomeBatch = 1000;

    public static async Task<int> Main(string[] args)
    {
        var url = new Uri(args[0]);
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var labelRate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var eventRate = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var withVersion = args.Length <= 4 || bool.Parse(args[4]);
        var serverPid = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;
        var roundCount = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 3;
        var baselineUrl = args.Length > 7 && args[7].Length > 0 ? new Uri(args[7]) : null;
        const int senders = 16;

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        var load = new Load(http, senders, serverPid);
        using var baselineHttp = baselineUrl is null ? null : new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baselineUrl, Timeout = TimeSpan.FromSeconds(60) };
        var baseline = baselineHttp is null ? null : new Load(baselineHttp, senders, serverPid: 0);

        Console.WriteLine("| phase | predictions/s | labels/s | events/s | prediction p50 ms | prediction p99 ms | label p99 ms | joined | server CPU s | failed requests |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

        // Warm up everything the phases use (JIT tiers, connections, grains) and fill the join indexes to
        // their cap (8 versions of a million), so the rounds measure the steady state; then the three
        // phases per round, rounds interleaved.
        await load.Run(TimeSpan.FromSeconds(15), ids: true, labelRate, eventRate, withVersion, report: null);
        await load.Run(TimeSpan.FromSeconds(3), ids: false, 0, 0, withVersion, report: null);
        if (baseline is not null)
        {
            await baseline.Run(TimeSpan.FromSeconds(8), ids: true, 0, 0, withVersion, report: null);
        }

        var rounds = new List<(Result Bare, Result Indexed, Result Joined)>();
        var baselineRounds = new List<Result>();
        for (var round = 1; round <= roundCount; round++)
        {
            var bare = await load.Run(TimeSpan.FromSeconds(seconds), ids: false, 0, 0, withVersion, $"{round}: predictions without ids");
            var indexed = await load.Run(TimeSpan.FromSeconds(seconds), ids: true, 0, 0, withVersion, $"{round}: predictions with ids (indexed for joins)");
            var joined = await load.Run(TimeSpan.FromSeconds(seconds), ids: true, labelRate, eventRate, withVersion,
                $"{round}: predictions with ids + {labelRate:N0} labels/s{(eventRate > 0 ? $" + {eventRate:N0} events/s" : string.Empty)}{(withVersion ? string.Empty : " (labels name no version)")}");
            rounds.Add((bare, indexed, joined));
            if (baseline is not null)
            {
                baselineRounds.Add(await baseline.Run(TimeSpan.FromSeconds(seconds), ids: true, 0, 0, withVersion, $"{round}: baseline build (no join index), predictions with ids"));
            }
        }

        Console.WriteLine();
        var allJoined = true;
        long failed = 0;
        foreach (var (bare, indexed, joined) in rounds)
        {
            Console.WriteLine($"prediction ingest with ids vs without: {indexed.PredictionsPerSecond / bare.PredictionsPerSecond - 1:+0.0%;-0.0%}; " +
                $"with labels joining beside it vs ids alone: {joined.PredictionsPerSecond / indexed.PredictionsPerSecond - 1:+0.0%;-0.0%}");
            allJoined &= joined.Joined == joined.LabelsSent + joined.EventsSent;
            failed += joined.Failed;
            if (joined.Joined != joined.LabelsSent + joined.EventsSent)
            {
                Console.WriteLine($"NOT ALL JOINED: sent {joined.LabelsSent + joined.EventsSent}, joined {joined.Joined}, failed requests {joined.Failed}");
            }
        }

        // Over all rounds: the median of the per-round ratios, and the ratio of the pooled rates (each phase
        // ran as long in every round), which busy shared machines spread far less than single rounds.
        var withIds = rounds.Select(r => r.Indexed.PredictionsPerSecond / r.Bare.PredictionsPerSecond).Order().ToList();
        var withLabels = rounds.Select(r => r.Joined.PredictionsPerSecond / r.Indexed.PredictionsPerSecond).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all {rounds.Count} rounds: with labels vs ids alone {rounds.Sum(r => r.Joined.PredictionsPerSecond) / rounds.Sum(r => r.Indexed.PredictionsPerSecond) - 1:+0.0%;-0.0%} pooled, {withLabels[withLabels.Count / 2] - 1:+0.0%;-0.0%} median; " +
            $"ids vs none {rounds.Sum(r => r.Indexed.PredictionsPerSecond) / rounds.Sum(r => r.Bare.PredictionsPerSecond) - 1:+0.0%;-0.0%} pooled, {withIds[withIds.Count / 2] - 1:+0.0%;-0.0%} median"));

        if (baselineRounds.Count > 0)
        {
            var againstBaseline = rounds.Zip(baselineRounds, (r, b) => r.Joined.PredictionsPerSecond / b.PredictionsPerSecond).Order().ToList();
            var indexedAgainstBaseline = rounds.Zip(baselineRounds, (r, b) => r.Indexed.PredictionsPerSecond / b.PredictionsPerSecond).Order().ToList();
            var pooledBaseline = baselineRounds.Sum(b => b.PredictionsPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"against the baseline build with ids: with labels {rounds.Sum(r => r.Joined.PredictionsPerSecond) / pooledBaseline - 1:+0.0%;-0.0%} pooled, {againstBaseline[againstBaseline.Count / 2] - 1:+0.0%;-0.0%} median; " +
                $"indexed alone {rounds.Sum(r => r.Indexed.PredictionsPerSecond) / pooledBaseline - 1:+0.0%;-0.0%} pooled, {indexedAgainstBaseline[indexedAgainstBaseline.Count / 2] - 1:+0.0%;-0.0%} median"));
        }

        if (serverPid > 0)
        {
            // Server CPU per prediction from the phases without labels; what the labelled phase used beyond
            // its predictions' share is the labels' (and events') cost.
            var perPrediction = rounds.Sum(r => r.Indexed.ServerCpuSeconds) / rounds.Sum(r => r.Indexed.Predictions);
            var perBare = rounds.Sum(r => r.Bare.ServerCpuSeconds) / rounds.Sum(r => r.Bare.Predictions);
            var outcomes = rounds.Sum(r => r.Joined.LabelsSent + r.Joined.EventsSent);
            var perOutcome = rounds.Sum(r => r.Joined.ServerCpuSeconds - (r.Joined.Predictions * perPrediction)) / outcomes;
            var outcomeCores = perOutcome * (labelRate + eventRate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"server CPU per prediction: {perBare * 1e6:0.00} us without an id, {perPrediction * 1e6:0.00} us with one ({perPrediction / perBare - 1:+0.0%;-0.0%}); per label or event joined: {perOutcome * 1e6:0.00} us"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{labelRate + eventRate:N0} joins/s take {outcomeCores:0.000} cores of the server: on a node saturated by predictions, that is the share of its CPU they cost the predictions"));
        }

        Console.WriteLine(allJoined ? "every label and event sent was acknowledged and joined" : "some labels or events were not joined");
        if (failed > 0)
        {
            // Predictions refused (503) are not acknowledged, so nothing is labelled for them; the server's log says why.
            Console.WriteLine($"{failed:N0} requests of the labelled phases failed");
        }

        return allJoined && failed == 0 ? 0 : 1;
    }

    private sealed class Load(HttpClient http, int senders, int serverPid)
    {
        private readonly long[] _acknowledged = new long[senders];
        private readonly long[] _next = new long[senders];
        private readonly long[] _labelled = new long[senders];
        private readonly long[] _evented = new long[senders];

        public async Task<Result> Run(TimeSpan duration, bool ids, double labelRate, double eventRate, bool withVersion, string? report)
        {
            // Labels and events refer only to predictions of this phase that carried ids.
            Array.Copy(_next, _labelled, senders);
            Array.Copy(_next, _evented, senders);
            Array.Copy(_next, _acknowledged, senders);
            using var stop = new CancellationTokenSource(duration);
            var result = new Result();
            var cpuBefore = ServerCpuSeconds();
            var clock = Stopwatch.StartNew();
            var tasks = new List<Task>();
            for (var s = 0; s < senders; s++)
            {
                tasks.Add(SendPredictions(s, ids, result, stop.Token));
            }

            if (labelRate > 0)
            {
                tasks.Add(SendOutcomes(labelRate, labels: true, withVersion, result, clock, stop.Token));
            }

            if (eventRate > 0)
            {
                tasks.Add(SendOutcomes(eventRate, labels: false, withVersion, result, clock, stop.Token));
            }

            await Task.WhenAll(tasks);
            var elapsed = clock.Elapsed.TotalSeconds;
            result.ServerCpuSeconds = ServerCpuSeconds() - cpuBefore;
            result.PredictionsPerSecond = result.Predictions / elapsed;
            if (report is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {report} | {result.Predictions / elapsed:N0} | {result.LabelsSent / elapsed:N0} | {result.EventsSent / elapsed:N0} | {result.PredictionLatency.Percentile(0.5):0.0} | {result.PredictionLatency.Percentile(0.99):0.0} | {(result.LabelLatency.Count == 0 ? "-" : result.LabelLatency.Percentile(0.99).ToString("0.0", CultureInfo.InvariantCulture))} | {result.Joined:N0} | {(serverPid > 0 ? result.ServerCpuSeconds.ToString("0.00", CultureInfo.InvariantCulture) : "-")} | {result.Failed} |"));
            }

            return result;
        }

        /// <summary>User plus system CPU time of the server process so far (Linux /proc; 0 without a pid).</summary>
        private double ServerCpuSeconds()
        {
            if (serverPid <= 0)
            {
                return 0;
            }

            var stat = File.ReadAllText($"/proc/{serverPid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        private async Task SendPredictions(int sender, bool ids, Result result, CancellationToken stop)
        {
            var buffer = new ArrayBufferWriter<byte>(32 * 1024);
            var version = sender % Versions;
            while (!stop.IsCancellationRequested)
            {
                var first = _next[sender];
                buffer.ResetWrittenCount();
                WritePredictions(buffer, sender, version, first, ids);
                var started = Stopwatch.GetTimestamp();
                if (await Post("/v1/predictions", buffer.WrittenMemory, result) is not null)
                {
                    result.AddPredictions(PredictionBatch, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    _next[sender] = first + PredictionBatch;
                    if (ids)
                    {
                        Volatile.Write(ref _acknowledged[sender], first + PredictionBatch);
                    }
                }
            }
        }

        /// <summary>Keeps up a rate of labels (or events) for predictions already acknowledged, a few requests in flight.</summary>
        private async Task SendOutcomes(double rate, bool labels, bool withVersion, Result result, Stopwatch clock, CancellationToken stop)
        {
            var inFlight = new List<Task>();
            var sender = 0;
            var sent = 0L;
            while (!stop.IsCancellationRequested)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * rate) - sent;
                if (due < OutcomeBatch || inFlight.Count >= 8)
                {
                    if (inFlight.Count > 0)
                    {
                        inFlight.Remove(await Task.WhenAny(inFlight));
                    }
                    else
                    {
                        await Task.Delay(1, CancellationToken.None);
                    }

                    continue;
                }

                var progress = labels ? _labelled : _evented;
                var available = Volatile.Read(ref _acknowledged[sender]) - progress[sender];
                if (available < OutcomeBatch)
                {
                    sender = (sender + 1) % senders;
                    await Task.Delay(1, CancellationToken.None);
                    continue;
                }

                var buffer = new ArrayBufferWriter<byte>(64 * 1024);
                WriteOutcomes(buffer, sender, sender % Versions, progress[sender], labels, withVersion);
                progress[sender] += OutcomeBatch;
                sent += OutcomeBatch;
                sender = (sender + 1) % senders;
                inFlight.Add(SendOutcomeBatch(buffer, labels, result));
            }

            await Task.WhenAll(inFlight);
        }

        private async Task SendOutcomeBatch(ArrayBufferWriter<byte> buffer, bool labels, Result result)
        {
            var started = Stopwatch.GetTimestamp();
            if (await Post(labels ? "/v1/labels" : "/v1/events", buffer.WrittenMemory, result) is { } answer)
            {
                var joins = answer.RootElement.GetProperty("joins");
                var joined = joins.GetProperty(labels ? "joined" : "matched").GetInt64();
                result.AddOutcomes(labels, OutcomeBatch, joined, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                answer.Dispose();
            }
        }

        private async Task<JsonDocument?> Post(string path, ReadOnlyMemory<byte> body, Result result)
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await http.PostAsync(path, content);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref result.Failed);
                    return null;
                }

                return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref result.Failed);
                return null;
            }
        }
    }

    private static void WritePredictions(ArrayBufferWriter<byte> buffer, int sender, int version, long first, bool ids)
    {
        Write(buffer, "["u8);
        for (var i = 0; i < PredictionBatch; i++)
        {
            var n = first + i;
            Write(buffer, i == 0 ? "{\"model\":\"bench\",\"version\":\"v"u8 : ",{\"model\":\"bench\",\"version\":\"v"u8);
            Number(buffer, version);
            if (ids)
            {
                Write(buffer, "\",\"id\":\"s"u8);
                Number(buffer, sender);
                Write(buffer, "-"u8);
                Number(buffer, n);
            }

            Write(buffer, "\",\"features\":{\"amount\":"u8);
            Number(buffer, 10 + (n % 90));
            Write(buffer, ",\"age\":"u8);
            Number(buffer, 20 + (n % 50));
            Write(buffer, ",\"tenure\":"u8);
            Number(buffer, n % 12);
            Write(buffer, ",\"score\":0."u8);
            Number(buffer, 100 + (n % 900));
            Write(buffer, "},\"prediction\":"u8);
            Number(buffer, n % 2);
            Write(buffer, ",\"confidence\":0."u8);
            Number(buffer, 50 + (n % 50));
            Write(buffer, ",\"latency_ms\":"u8);
            Number(buffer, 5 + (n % 50));
            Write(buffer, ",\"status\":\"success\"}"u8);
        }

        Write(buffer, "]"u8);
    }

    private static void WriteOutcomes(ArrayBufferWriter<byte> buffer, int sender, int version, long first, bool labels, bool withVersion)
    {
        Write(buffer, "["u8);
        for (var i = 0; i < OutcomeBatch; i++)
        {
            var n = first + i;
            Write(buffer, i == 0 ? "{\"model\":\"bench\""u8 : ",{\"model\":\"bench\""u8);
            if (withVersion)
            {
                Write(buffer, ",\"version\":\"v"u8);
                Number(buffer, version);
                Write(buffer, "\""u8);
            }

            Write(buffer, ",\"id\":\"s"u8);
            Number(buffer, sender);
            Write(buffer, "-"u8);
            Number(buffer, n);
            if (labels)
            {
                // Right four times in five.
                Write(buffer, "\",\"label\":"u8);
                Number(buffer, n % 5 == 0 ? 1 - (n % 2) : n % 2);
                Write(buffer, "}"u8);
            }
            else
            {
                Write(buffer, n % 3 == 0 ? "\",\"type\":\"revenue\",\"value\":12.5}"u8 : "\",\"type\":\"click\"}"u8);
            }
        }

        Write(buffer, "]"u8);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    private static void Number(ArrayBufferWriter<byte> buffer, long value)
    {
        var span = buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        buffer.Advance(written);
    }

    private sealed class Result
    {
        public long Failed;
        private long _predictions;
        private long _labels;
        private long _events;
        private long _joined;

        public long Predictions => Interlocked.Read(ref _predictions);
        public long LabelsSent => Interlocked.Read(ref _labels);
        public long EventsSent => Interlocked.Read(ref _events);
        public long Joined => Interlocked.Read(ref _joined);
        public double PredictionsPerSecond { get; set; }
        public double ServerCpuSeconds { get; set; }
        public Latencies PredictionLatency { get; } = new();
        public Latencies LabelLatency { get; } = new();

        public void AddPredictions(int count, double ms)
        {
            Interlocked.Add(ref _predictions, count);
            PredictionLatency.Add(ms);
        }

        public void AddOutcomes(bool labels, int count, long joined, double ms)
        {
            Interlocked.Add(ref labels ? ref _labels : ref _events, count);
            Interlocked.Add(ref _joined, joined);
            if (labels)
            {
                LabelLatency.Add(ms);
            }
        }
    }

    private sealed class Latencies
    {
        private readonly List<double> _values = [];

        public int Count
        {
            get
            {
                lock (_values)
                {
                    return _values.Count;
                }
            }
        }

        public void Add(double ms)
        {
            lock (_values)
            {
                _values.Add(ms);
            }
        }

        public double Percentile(double q)
        {
            lock (_values)
            {
                if (_values.Count == 0)
                {
                    return double.NaN;
                }

                _values.Sort();
                return _values[(int)Math.Min(_values.Count - 1, Math.Floor(q * _values.Count))];
            }
        }
    }
}

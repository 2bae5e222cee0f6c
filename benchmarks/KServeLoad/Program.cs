using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

// KServe payload-logger load: each sender posts a request CloudEvent (binary mode, V2 body of `rows` rows of 4
// FP32 features) and then its response event (INT64 predictions), as KServe's logger does, and counts the rows
// the joined answers report. After a warm-up it measures for `seconds`, then checks that the versions' summaries
// hold every acknowledged row.
//   KServeLoad URL [seconds=10] [senders=16] [rows=100] [warmup=3]
var url = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:8080";
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var senders = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var rows = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
var warmup = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
var model = $"kserve-load-{Environment.ProcessId}";
string[] endpoints = ["default", "canary"];

var random = new Random(7);
var data = string.Join(",", Enumerable.Range(0, rows * 4).Select(_ => (random.NextDouble() * 10).ToString("0.###", CultureInfo.InvariantCulture)));
var requestBody = Encoding.UTF8.GetBytes($$"""{"inputs": [{"name": "input-0", "shape": [{{rows}}, 4], "datatype": "FP32", "data": [{{data}}]}]}""");
var responseBody = Encoding.UTF8.GetBytes($$"""{"model_name": "{{model}}", "outputs": [{"name": "predict", "shape": [{{rows}}], "datatype": "INT64", "data": [{{string.Join(",", Enumerable.Range(0, rows).Select(i => i % 3))}}]}]}""");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = new Uri(url),
    Timeout = TimeSpan.FromSeconds(30),
};

long measuredRows = 0, acknowledgedRows = 0, pairs = 0, failures = 0;
var measuring = false;
var stop = false;
var latencies = new List<double>();
var tasks = Enumerable.Range(0, senders).Select(s => Task.Run(async () =>
{
    var own = new List<double>();
    for (var n = 0L; !Volatile.Read(ref stop); n++)
    {
        var id = $"{s}-{n}";
        var endpoint = endpoints[(int)(n % endpoints.Length)];
        var started = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        if (await Post(id, "request", endpoint, now.AddMilliseconds(-3), requestBody) is null)
        {
            Interlocked.Increment(ref failures);
            continue;
        }

        var records = await Post(id, "response", endpoint, now, responseBody);
        if (records is not { } r)
        {
            Interlocked.Increment(ref failures);
            continue;
        }

        Interlocked.Add(ref acknowledgedRows, r);
        if (Volatile.Read(ref measuring))
        {
            Interlocked.Add(ref measuredRows, r);
            Interlocked.Increment(ref pairs);
            own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    lock (latencies)
    {
        latencies.AddRange(own);
    }
})).ToArray();

await Task.Delay(TimeSpan.FromSeconds(warmup));
var cpuBefore = ServerCpu();
Volatile.Write(ref measuring, true);
var clock = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromSeconds(seconds));
Volatile.Write(ref measuring, false);
var elapsed = clock.Elapsed.TotalSeconds;
var measured = Interlocked.Read(ref measuredRows);
var measuredPairs = Interlocked.Read(ref pairs);
Volatile.Write(ref stop, true);
await Task.WhenAll(tasks);

latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
Console.WriteLine($"| senders | rows/request | pairs/s | events/s | rows/s | pair p50 ms | pair p99 ms |");
Console.WriteLine($"| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
Console.WriteLine($"| {senders} | {rows} | {measuredPairs / elapsed:N0} | {2 * measuredPairs / elapsed:N0} | {measured / elapsed:N0} | {Percentile(0.5):0.00} | {Percentile(0.99):0.00} |");
Console.WriteLine($"failures: {Interlocked.Read(ref failures)}; server CPU {cpuBefore}");

// Every acknowledged row must be in its version's summary.
long inSummaries = 0;
foreach (var endpoint in endpoints)
{
    var summary = JsonDocument.Parse(await http.GetStringAsync($"/v1/models/{model}/versions/{endpoint}/summary?minutes=60")).RootElement;
    inSummaries += summary.GetProperty("total_requests").GetInt64();
}

Console.WriteLine($"{acknowledgedRows:N0} rows acknowledged, {inSummaries:N0} in the versions' summaries");
return inSummaries == acknowledgedRows && Interlocked.Read(ref failures) == 0 ? 0 : 1;

async Task<int?> Post(string id, string type, string endpoint, DateTimeOffset time, byte[] body)
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/ingest/kserve") { Content = content };
    message.Headers.TryAddWithoutValidation("ce-specversion", "1.0");
    message.Headers.TryAddWithoutValidation("ce-id", id);
    message.Headers.TryAddWithoutValidation("ce-type", "org.kubeflow.serving.inference." + type);
    message.Headers.TryAddWithoutValidation("ce-source", "http://localhost:9081/");
    message.Headers.TryAddWithoutValidation("ce-time", time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
    message.Headers.TryAddWithoutValidation("ce-inferenceservicename", model);
    message.Headers.TryAddWithoutValidation("ce-namespace", "default");
    message.Headers.TryAddWithoutValidation("ce-component", "predictor");
    message.Headers.TryAddWithoutValidation("ce-endpoint", endpoint);
    message.Headers.TryAddWithoutValidation("ce-metadata", "{}");
    try
    {
        using var response = await http.SendAsync(message);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return answer.RootElement.GetProperty("records").GetInt32();
    }
    catch (HttpRequestException)
    {
        return null;
    }
}

static string ServerCpu() => $"(load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})";

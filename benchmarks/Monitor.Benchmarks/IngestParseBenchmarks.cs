using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Monitor.Gateway.Ingest;

namespace Monitor.Benchmarks;

/// <summary>
/// The gateway's ingest hot path without HTTP: parse and validate a request body into columnar
/// batches. Batch benchmarks count one operation per record, so Mean is the time per record and the
/// Records/s column is the parser's throughput ceiling on this machine.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RecordsPerSecondConfig))]
public class IngestParseBenchmarks
{
    private const int BatchSize = 100;

    private readonly PredictionParser _parser = new(new IngestLimits(), TimeProvider.System);
    private byte[] _single = [];
    private byte[] _batch = [];
    private byte[] _batchNdjson = [];

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        _single = Encoding.UTF8.GetBytes(Record(0, now, random));
        var records = Enumerable.Range(0, BatchSize).Select(i => Record(i, now, random)).ToArray();
        _batch = Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]");
        _batchNdjson = Encoding.UTF8.GetBytes(string.Join("\n", records) + "\n");

        // Fail fast if the bodies are not what the benchmark claims to measure.
        Check(_parser.Parse(_single, IngestFormat.Json), 1);
        Check(_parser.Parse(_batch, IngestFormat.Json), BatchSize);
        Check(_parser.Parse(_batchNdjson, IngestFormat.Ndjson), BatchSize);
    }

    [Benchmark(Description = "single record (JSON object)")]
    public int SingleRecord() => _parser.Parse(_single, IngestFormat.Json).Accepted;

    [Benchmark(Description = "batch of 100, 4 features (JSON array)", OperationsPerInvoke = BatchSize)]
    public int Batch100() => _parser.Parse(_batch, IngestFormat.Json).Accepted;

    [Benchmark(Description = "batch of 100, 4 features (NDJSON)", OperationsPerInvoke = BatchSize)]
    public int Batch100Ndjson() => _parser.Parse(_batchNdjson, IngestFormat.Ndjson).Accepted;

    private static void Check(IngestResult result, int expected)
    {
        if (result.Accepted != expected || result.Rejected != 0)
        {
            throw new InvalidOperationException($"expected {expected} accepted records, got {result.Accepted} ({string.Join("; ", result.Errors)})");
        }
    }

    /// <summary>A record as a model server sends it: id, timestamp, three numeric features and a category.</summary>
    private static string Record(int i, DateTimeOffset now, Random random)
    {
        var ts = now.AddMilliseconds(-random.Next(60_000)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var amount = (random.NextDouble() * 500).ToString("0.##", CultureInfo.InvariantCulture);
        var age = random.Next(18, 90).ToString(CultureInfo.InvariantCulture);
        var score = random.NextDouble().ToString("0.####", CultureInfo.InvariantCulture);
        var country = i % 3 == 0 ? "DE" : i % 3 == 1 ? "FR" : "US";
        var confidence = (0.5 + (random.NextDouble() / 2)).ToString("0.###", CultureInfo.InvariantCulture);
        var latency = (5 + (random.NextDouble() * 40)).ToString("0.##", CultureInfo.InvariantCulture);
        return $$"""{"model":"fraud","version":"v1.0","id":"req-{{i:x8}}","timestamp":"{{ts}}","features":{"amount":{{amount}},"age":{{age}},"score":{{score}},"country":"{{country}}"},"prediction":{{i % 2}},"confidence":{{confidence}},"latency_ms":{{latency}},"status":"success","error":null}""";
    }

    private sealed class RecordsPerSecondConfig : ManualConfig
    {
        public RecordsPerSecondConfig() => AddColumn(new RecordsPerSecondColumn());
    }

    /// <summary>Records per second per core: 1 / Mean, where Mean is per record.</summary>
    private sealed class RecordsPerSecondColumn : IColumn
    {
        public string Id => nameof(RecordsPerSecondColumn);
        public string ColumnName => "Records/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Records parsed and validated per second on one core (1 / Mean per record)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var meanNs = report?.ResultStatistics?.Mean;
            return meanNs is > 0 ? (1e9 / meanNs.Value).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}

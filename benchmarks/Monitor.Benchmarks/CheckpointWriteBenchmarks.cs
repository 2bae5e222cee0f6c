using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Silo.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace Monitor.Benchmarks;

/// <summary>
/// N versions checkpointing at once into one SQLite file, each checkpoint shaped as a busy version's (four pages
/// written together to the spare rows of their slots, 27 KB in all, then the 0.6 KB core row): the storage as it
/// was (each write its own transaction, run on the caller's thread behind one gate) against the grouped writer.
/// One operation is one round, every version one checkpoint; Writes/s is 5 N / Mean. The p50 and p99 columns are
/// per write, over the last 64 Ki writes of the case, measured in the benchmark process.
/// </summary>
[Config(typeof(Columns))]
public class CheckpointWriteBenchmarks
{
    public const int RowsPerCheckpoint = 5;
    private static readonly int[] PageBytes = [8_700, 2_000, 4_300, 12_000];
    private const int CoreBytes = 600;

    private readonly long[] _latencies = new long[1 << 16];
    private long _recorded;
    private string _directory = string.Empty;
    private ServiceProvider? _services;
    private IGrainStorage _storage = null!;
    private CheckpointingVersion[] _versions = [];

    [Params(1, 16, 200)]
    public int Writers { get; set; }

    [Params("one each", "grouped")]
    public string Storage { get; set; } = "grouped";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("monitor-checkpoint-writes").FullName;
        var collection = new ServiceCollection();
        collection.AddSerializer();
        collection.AddLogging();
        collection.AddSqliteGrainStorage("bench", o => o.Directory = _directory);
        _services = collection.BuildServiceProvider();
        _storage = Storage == "grouped"
            ? _services.GetRequiredKeyedService<IGrainStorage>("bench")
            : new OneTransactionEachStorage(Path.Combine(_directory, "one-each.db"), _services.GetRequiredService<Serializer>());
        _versions = [.. Enumerable.Range(0, Writers).Select(i => new CheckpointingVersion(_storage, i, PageBytes, CoreBytes, Record))];

        // Every row written twice, so the measured rounds replace rows in place as a version's checkpoints do.
        Round().GetAwaiter().GetResult();
        Round().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var count = (int)Math.Min(Interlocked.Read(ref _recorded), _latencies.Length);
        var sorted = _latencies[..count];
        Array.Sort(sorted);
        string Ms(double q) => count == 0 ? "-" : (sorted[(int)Math.Min(count - 1, q * count)] * 1000.0 / Stopwatch.Frequency).ToString("0.00", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(ResultsDirectory);
        File.WriteAllText(ResultFile(Storage, Writers), $"{Ms(0.5)} {Ms(0.99)}");

        (_storage as IDisposable)?.Dispose();
        _services?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task Round() => Task.WhenAll(_versions.Select(v => Task.Run(v.CheckpointAsync)));

    private static string ResultsDirectory => Path.Combine(Path.GetTempPath(), "monitor-checkpoint-write-latencies");

    private static string ResultFile(string storage, int writers) => Path.Combine(ResultsDirectory, $"{storage.Replace(' ', '-')}-{writers}.txt");

    private void Record(long ticks) => _latencies[(Interlocked.Increment(ref _recorded) - 1) & (_latencies.Length - 1)] = ticks;

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new WritesPerSecond(), new WriteLatency("p50/write ms", 0), new WriteLatency("p99/write ms", 1));
        }
    }

    private abstract class Column(string name) : IColumn
    {
        public string Id => name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        protected static (string Storage, int Writers) Case(BenchmarkCase benchmarkCase) =>
            ((string)benchmarkCase.Parameters[nameof(Storage)], (int)benchmarkCase.Parameters[nameof(Writers)]);
    }

    private sealed class WritesPerSecond() : Column("Writes/s")
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNs is > 0 ? (Case(benchmarkCase).Writers * RowsPerCheckpoint * 1e9 / meanNs.Value).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }
    }

    private sealed class WriteLatency(string name, int index) : Column(name)
    {
        public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var (storage, writers) = Case(benchmarkCase);
            var file = ResultFile(storage, writers);
            return File.Exists(file) ? File.ReadAllText(file).Split(' ')[index] : "-";
        }
    }
}

using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Outcomes;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;
using Orleans.Serialization;

namespace Monitor.Benchmarks;

/// <summary>
/// The outcome hot paths without HTTP, on a version whose join index is full (a million predictions):
/// what a batch of 100 predictions costs the grain with and without ids, what joining their labels
/// adds, what parsing a request of 1,000 labels costs the gateway, and what a checkpoint of the full
/// index costs. Mean is per operation; divide by the batch size for per-record figures.
/// </summary>
[MemoryDiagnoser]
public class OutcomeJoinBenchmarks
{
    private const int Full = 1_000_000;
    private const int Batch = 100;

    private readonly OutcomeOptions _options = new();
    private readonly OutcomeParser _parser = new(new IngestLimits(), TimeProvider.System);
    private VersionWindow _window = null!;
    private VersionOutcomes _outcomes = null!;
    private PredictionBatch[] _withIds = [];
    private PredictionBatch _withoutIds = null!;
    private LabelBatch[] _labels = [];
    private byte[] _labelBody = [];
    private Serializer _serializer = null!;
    private long _now;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _window = new VersionWindow(new VersionWindowOptions());
        var ledger = new OutcomeLedger(_options);
        _outcomes = new VersionOutcomes(_window, ledger, new PredictionIndex(_options.MaxIndexedPredictions, _options.Horizon), _options);

        // Batches cycle through 2,000,000 distinct ids, so the full index keeps evicting as in steady state.
        _withIds = [.. Enumerable.Range(0, 20_000).Select(b => Predictions(b, ids: true))];
        _withoutIds = Predictions(0, ids: false);
        _labels = [.. Enumerable.Range(0, 20_000).Select(Labels)];
        for (var b = 0; b < Full / Batch; b++)
        {
            _outcomes.IndexPredictions(_withIds[b]);
        }

        _next = Full / Batch;
        var records = Enumerable.Range(0, 1000).Select(i => $$"""{"model":"bench","version":"v1","id":"p{{i}}","label":{{i % 2}}}""");
        _labelBody = Encoding.UTF8.GetBytes("[" + string.Join(",", records) + "]");
        _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    }

    [Benchmark(Description = "grain: apply 100 predictions without ids")]
    public void ApplyWithoutIds() => _window.Apply(_withoutIds, _now);

    [Benchmark(Description = "grain: apply and index 100 predictions with ids")]
    public void ApplyWithIds()
    {
        var batch = _withIds[_next++ % _withIds.Length];
        _window.Apply(batch, _now);
        _outcomes.IndexPredictions(batch);
    }

    [Benchmark(Description = "grain: apply and index 100 predictions, then join their 100 labels")]
    public void ApplyAndJoin()
    {
        var b = _next++ % _withIds.Length;
        _window.Apply(_withIds[b], _now);
        _outcomes.IndexPredictions(_withIds[b]);
        _outcomes.JoinLabels(_labels[b], _now);
    }

    [Benchmark(Description = "gateway: parse 1,000 labels")]
    public int ParseLabels() => _parser.ParseLabels(new ReadOnlySequence<byte>(_labelBody), IngestFormat.Json).Accepted;

    [Benchmark(Description = "checkpoint: snapshot the full index (on the grain)")]
    public int SnapshotIndex() => _outcomes.Index.Snapshot().Packed.Length;

    [Benchmark(Description = "checkpoint: snapshot and serialize the full index")]
    public int SerializeIndex() => _serializer.SerializeToArray(_outcomes.Index.Snapshot()).Length;

    private PredictionBatch Predictions(int b, bool ids) => new()
    {
        Model = "bench",
        Version = "v1",
        Count = Batch,
        TimestampsMs = [.. Enumerable.Repeat(_now, Batch)],
        LatenciesMs = [.. Enumerable.Range(0, Batch).Select(i => 5.0 + (i % 50))],
        Confidences = [.. Enumerable.Range(0, Batch).Select(i => 0.5 + (i % 50 / 100.0))],
        Succeeded = [.. Enumerable.Repeat(true, Batch)],
        ErrorTypes = new string?[Batch],
        Predictions = new PredictionColumn { Numbers = [.. Enumerable.Range(0, Batch).Select(i => (double)(i % 2))] },
        Ids = ids ? [.. Enumerable.Range(0, Batch).Select(i => $"s{b % 16}-{(b * Batch) + i}")] : new string?[Batch],
        Features = [],
    };

    private LabelBatch Labels(int b) => new()
    {
        Model = "bench",
        Version = "v1",
        Count = Batch,
        IdHashes = [.. Enumerable.Range(0, Batch).Select(i => PredictionIdHash.Of($"s{b % 16}-{(b * Batch) + i}"))],
        TimestampsMs = [.. Enumerable.Repeat(_now, Batch)],
        Kinds = new LabelKind[Batch],
        Numbers = [.. Enumerable.Range(0, Batch).Select(i => (double)(i % 5 == 0 ? 1 - (i % 2) : i % 2))],
    };
}

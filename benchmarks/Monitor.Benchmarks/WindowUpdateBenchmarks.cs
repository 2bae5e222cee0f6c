using BenchmarkDotNet.Attributes;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Benchmarks;

/// <summary>
/// The grain's ingest hot path per record: applying batches to the version's windows, without and with the
/// data-quality counting against a reference's schema (nulls, missing, wrong types, out-of-range values, unknown
/// and missing features). One operation is one record, so Mean is the cost per record.
/// </summary>
[MemoryDiagnoser]
public class WindowUpdateBenchmarks
{
    // A thousand records per invocation: the batches stay in cache, as they are when the grain gets them right after parsing.
    private const int Records = 1000;

    private PredictionBatch[] _batches = [];
    private VersionWindow _window = null!;
    private DataQualityCounter _quality = null!;
    private long _nowMs;

    [Params(4, 20)]
    public int Features { get; set; }

    /// <summary>Records per batch: 1 for single-record requests, 100 for batched clients.</summary>
    [Params(1, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _batches = VersionBatches.Parse(Features, Records / BatchSize, BatchSize, seed: 1);
        _nowMs = _batches[0].TimestampsMs[0];
        _window = new VersionWindow(new VersionWindowOptions());
        _quality = new DataQualityCounter(PreparedReference.Prepare(VersionBatches.Reference(Features, 1000, seed: 2)).Schema);
    }

    /// <summary>The windows alone (time buckets, latency ring, recent batches).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public void Window()
    {
        foreach (var batch in _batches)
        {
            _window.Apply(batch, _nowMs);
        }
    }

    /// <summary>The windows and the data-quality counts, as the grain's Ingest does.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void WindowAndDataQuality()
    {
        foreach (var batch in _batches)
        {
            _window.Apply(batch, _nowMs);
            _quality.Count(batch, _window.Buckets, _nowMs);
        }
    }
}

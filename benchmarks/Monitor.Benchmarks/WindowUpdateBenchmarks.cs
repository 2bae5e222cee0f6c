using BenchmarkDotNet.Attributes;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Benchmarks;

/// <summary>
/// The grain's ingest hot path per record: applying batches to the version's windows, then also the data-quality
/// counting against a reference's schema (nulls, missing, wrong types, out-of-range values, unknown and missing
/// features), then also writing the feature ring drift is evaluated on. One operation is one record, so Mean is
/// the cost per record.
/// </summary>
[MemoryDiagnoser]
public class WindowUpdateBenchmarks
{
    // A thousand records per invocation: the batches stay in cache, as they are when the grain gets them right after parsing.
    private const int Records = 1000;

    private PredictionBatch[] _batches = [];
    private VersionWindow _window = null!;
    private DataQualityCounter _quality = null!;
    private FeatureRing _ring = null!;
    private DataQualityCounter _observed = null!;
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
        var reference = PreparedReference.Prepare(VersionBatches.Reference(Features, 1000, seed: 2));
        _quality = new DataQualityCounter(reference.Schema);
        _ring = new FeatureRing(reference.Schema, 1000, outputs: true);
        _observed = new DataQualityCounter(QualitySchema.Observed(50));
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

    /// <summary>The windows and the data-quality counts of the features seen, as the grain's Ingest does before the version has a reference.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void WindowAndObservedQuality()
    {
        foreach (var batch in _batches)
        {
            _window.Apply(batch, _nowMs);
            _observed.Count(batch, _window.Buckets, _nowMs);
        }
    }

    /// <summary>The windows, the data-quality counts against the reference and the feature ring (values and outputs), as the grain's Ingest does with a reference.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public void WindowQualityAndRing()
    {
        foreach (var batch in _batches)
        {
            _window.Apply(batch, _nowMs);
            _quality.Count(batch, _window.Buckets, _nowMs, _ring);
        }
    }
}

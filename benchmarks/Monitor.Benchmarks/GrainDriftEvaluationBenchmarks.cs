using BenchmarkDotNet.Attributes;
using Monitor.Grains.Drift;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;

namespace Monitor.Benchmarks;

/// <summary>
/// A drift evaluation as the model-version grain runs it: read the feature window (the last W records, which
/// ingest wrote into the version's feature ring) into columns aligned with the cached reference, count the
/// window's data quality, run the engine on features and outputs, and write the report. Compared with the engine
/// alone on ready feature columns (as in DriftEvaluationBenchmarks).
/// </summary>
[MemoryDiagnoser]
public class GrainDriftEvaluationBenchmarks
{
    private VersionDriftEvaluator _evaluator = null!;
    private FeatureRing _ring = null!;
    private PreparedReference _reference = null!;
    private DriftColumn[] _columns = [];
    private DriftEngine _engine = null!;
    private int _window;

    /// <summary>Features x window size (the reference has as many rows as the window).</summary>
    [Params("4x1000", "20x1000", "20x10000")]
    public string Shape { get; set; } = "4x1000";

    /// <summary>Records per ingested batch the window is made of (the ring makes the evaluation independent of it).</summary>
    [Params(100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var features = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        _window = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        _reference = PreparedReference.Prepare(VersionBatches.Reference(features, _window, seed: 3));
        var batches = VersionBatches.Parse(features, _window / BatchSize, BatchSize, seed: 4, shift: 0.1);
        var window = new VersionWindow(new VersionWindowOptions { FeatureWindow = _window });
        var counter = new DataQualityCounter(_reference.Schema);
        _ring = new FeatureRing(_reference.Schema, _window, outputs: false);
        var nowMs = batches[0].TimestampsMs[0];
        foreach (var batch in batches)
        {
            window.Apply(batch, nowMs);
            counter.Count(batch, window.Buckets, nowMs, _ring);
        }

        _evaluator = new VersionDriftEvaluator();
        _evaluator.Configure(_reference, DriftSettings.Default);
        _engine = new DriftEngine();
        var columns = new List<DriftColumn>();
        for (var f = 0; f < features; f++)
        {
            var values = new List<double>();
            foreach (var batch in batches)
            {
                values.AddRange(batch.Features[f].Numbers);
            }

            columns.Add(DriftColumn.Numeric($"f{f}", values.ToArray()));
        }

        _columns = [.. columns];
    }

    /// <summary>Window extraction, data quality, engine and report: what GET .../drift and the timer cost.</summary>
    [Benchmark]
    public VersionDriftReport GrainEvaluation() => _evaluator.Evaluate("bench", "v1", _ring, DateTimeOffset.UnixEpoch);

    /// <summary>The engine alone on the same values, already in columns.</summary>
    [Benchmark(Baseline = true)]
    public DriftReport EngineOnly() => _engine.Evaluate(_reference.Features, _columns);
}

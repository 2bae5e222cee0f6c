using BenchmarkDotNet.Attributes;
using Monitor.Grains.Drift;
using Monitor.Grains.Windows;
using Monitor.Statistics.Drift;

namespace Monitor.Benchmarks;

/// <summary>
/// A drift evaluation as the model-version grain runs it: read the feature window (the last W records, held as
/// the batches ingest produced) into columns aligned with the cached reference, count the window's data quality,
/// run the engine, and write the report. Compared with the engine alone on ready columns (DriftEvaluationBenchmarks).
/// </summary>
[MemoryDiagnoser]
public class GrainDriftEvaluationBenchmarks
{
    private VersionDriftEvaluator _evaluator = null!;
    private RecentBatches _recent = null!;
    private PreparedReference _reference = null!;
    private DriftColumn[] _columns = [];
    private DriftEngine _engine = null!;
    private int _window;

    /// <summary>Features x window size (the reference has as many rows as the window).</summary>
    [Params("4x1000", "20x1000", "20x10000")]
    public string Shape { get; set; } = "4x1000";

    /// <summary>Records per ingested batch the window is made of.</summary>
    [Params(1, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var features = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        _window = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        _reference = PreparedReference.Prepare(VersionBatches.Reference(features, _window, seed: 3));
        _recent = new RecentBatches(_window);
        foreach (var batch in VersionBatches.Parse(features, _window / BatchSize, BatchSize, seed: 4, shift: 0.1))
        {
            _recent.Add(batch);
        }

        _evaluator = new VersionDriftEvaluator();
        _evaluator.Configure(_reference, DriftSettings.Default);
        _engine = new DriftEngine();
        var columns = new List<DriftColumn>();
        for (var f = 0; f < features; f++)
        {
            var values = new List<double>();
            foreach (var batch in _recent.Batches)
            {
                values.AddRange(batch.Features[f].Numbers);
            }

            columns.Add(DriftColumn.Numeric($"f{f}", values.ToArray()));
        }

        _columns = [.. columns];
    }

    /// <summary>Window extraction, data quality, engine and report: what GET .../drift and the timer cost.</summary>
    [Benchmark]
    public VersionDriftReport GrainEvaluation() => _evaluator.Evaluate("bench", "v1", _recent, _window, DateTimeOffset.UnixEpoch);

    /// <summary>The engine alone on the same values, already in columns.</summary>
    [Benchmark(Baseline = true)]
    public DriftReport EngineOnly() => _engine.Evaluate(_reference.Features, _columns);
}

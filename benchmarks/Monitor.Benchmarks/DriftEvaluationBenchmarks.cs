using BenchmarkDotNet.Attributes;
using Monitor.Statistics.Drift;

namespace Monitor.Benchmarks;

/// <summary>
/// A full drift evaluation (KS, Cramér-von Mises, Wasserstein, PSI, Jensen-Shannon per feature, verdicts and the
/// corrected dataset verdict) of a window against a prepared reference, at the sizes the Python baseline is timed at.
/// </summary>
[MemoryDiagnoser]
public class DriftEvaluationBenchmarks
{
    private DriftReference _reference = null!;
    private DriftColumn[] _window = null!;
    private DriftEngine _engine = null!;
    private DriftEngine _parallelEngine = null!;

    [Params("4x1000", "20x1000", "20x10000")]
    public string Shape { get; set; } = "4x1000";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split('x');
        (double[][] reference, double[][] window) = DriftData.Normal(int.Parse(parts[0]), int.Parse(parts[1]));
        _reference = DriftReference.Prepare(DriftData.Columns(reference));
        _window = DriftData.Columns(window);
        _engine = new DriftEngine();
        _parallelEngine = new DriftEngine(new DriftOptions { MaxDegreeOfParallelism = Environment.ProcessorCount });
    }

    /// <summary>One thread (the engine's default, what a grain does).</summary>
    [Benchmark]
    public DriftReport Evaluate() => _engine.Evaluate(_reference, _window);

    /// <summary>Features spread over every core (what the command line does).</summary>
    [Benchmark]
    public DriftReport EvaluateParallel() => _parallelEngine.Evaluate(_reference, _window);
}

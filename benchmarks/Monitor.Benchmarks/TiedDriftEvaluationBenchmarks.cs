using BenchmarkDotNet.Attributes;
using Monitor.Statistics.Drift;

namespace Monitor.Benchmarks;

/// <summary>
/// The drift kernel (one thread, a full evaluation as in <see cref="DriftEvaluationBenchmarks"/>) on the same
/// seeded normal features, continuous and with ties: rounded to one decimal (about 70 distinct values: the
/// tie-aware Cramér-von Mises with its limiting null) and as counts (rounded |x| * 2, about 8 values: Cramér-von
/// Mises combined with the contingency test). The tie handling must cost at most 1.5x the continuous kernel.
/// </summary>
[MemoryDiagnoser]
public class TiedDriftEvaluationBenchmarks
{
    private DriftReference _reference = null!;
    private DriftColumn[] _window = null!;
    private DriftEngine _engine = null!;

    [Params("4x1000", "20x1000", "20x10000")]
    public string Shape { get; set; } = "4x1000";

    [Params("continuous", "rounded", "counts")]
    public string Values { get; set; } = "continuous";

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split('x');
        (double[][] reference, double[][] window) = DriftData.Normal(int.Parse(parts[0]), int.Parse(parts[1]));
        Func<double, double> map = Values switch
        {
            "rounded" => x => Math.Round(x, 1),
            "counts" => x => Math.Round(Math.Abs(x) * 2),
            _ => x => x,
        };
        _reference = DriftReference.Prepare(DriftData.Columns(reference.Select(f => f.Select(map).ToArray()).ToArray()));
        _window = DriftData.Columns(window.Select(f => f.Select(map).ToArray()).ToArray());
        _engine = new DriftEngine();

        // The lazily computed null weights belong to preparing the reference, not to an evaluation.
        _engine.Evaluate(_reference, _window);
    }

    [Benchmark]
    public DriftReport Evaluate() => _engine.Evaluate(_reference, _window);
}

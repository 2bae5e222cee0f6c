using BenchmarkDotNet.Attributes;
using Monitor.Statistics.Multivariate;

namespace Monitor.Benchmarks;

/// <summary>
/// Multivariate drift by PCA reconstruction error on one thread: the evaluation of a window of 20 numeric features
/// (an AR(0.7) chain across features, so the kept components are few, as with real correlated features) and the fit
/// on the reference, which a version does once per reference.
/// </summary>
[MemoryDiagnoser]
public class ReconstructionDriftBenchmarks
{
    private ReadOnlyMemory<double>[] _reference = null!;
    private ReadOnlyMemory<double>[] _window = null!;
    private string[] _names = null!;
    private ReconstructionModel _model = null!;

    [Params(20)]
    public int Features { get; set; }

    [Params(1000)]
    public int WindowRows { get; set; }

    [Params(10_000)]
    public int ReferenceRows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _reference = Chain(random, Features, ReferenceRows);
        _window = Chain(random, Features, WindowRows);
        _names = [.. Enumerable.Range(0, Features).Select(f => $"f{f}")];
        _model = ReconstructionModel.Fit(_names, _reference, ReconstructionDriftOptions.Default, out var reason)
            ?? throw new InvalidOperationException(reason);
    }

    /// <summary>The window's error and verdict (what each drift evaluation adds).</summary>
    [Benchmark]
    public ReconstructionDriftResult Evaluate() => _model.Evaluate(_window, 30);

    /// <summary>Standardize, covariance, eigen-decomposition and the reference chunks' errors (once per reference).</summary>
    [Benchmark]
    public ReconstructionModel? Fit() => ReconstructionModel.Fit(_names, _reference, ReconstructionDriftOptions.Default, out _);

    private static ReadOnlyMemory<double>[] Chain(Random random, int features, int rows)
    {
        var columns = new double[features][];
        for (var f = 0; f < features; f++)
        {
            columns[f] = new double[rows];
        }

        for (var i = 0; i < rows; i++)
        {
            var x = Normal(random);
            for (var f = 0; f < features; f++)
            {
                x = f == 0 ? x : (0.7 * x) + (Math.Sqrt(1 - 0.49) * Normal(random));
                columns[f][i] = x;
            }
        }

        return [.. columns.Select(c => (ReadOnlyMemory<double>)c)];
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

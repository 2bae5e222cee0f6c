using BenchmarkDotNet.Attributes;
using Monitor.Statistics;

namespace Monitor.Benchmarks;

/// <summary>
/// The two-sample KS test alone on two unsorted samples of 1,000 (sorting both, as scipy's ks_2samp does), and
/// the same with the reference already sorted (what drift evaluation does).
/// </summary>
[MemoryDiagnoser]
public class KolmogorovSmirnovBenchmarks
{
    private double[] _reference = null!;
    private double[] _sortedReference = null!;
    private double[] _window = null!;
    private double[] _buffer = null!;

    [Params(1000, 10000)]
    public int Size { get; set; } = 1000;

    [GlobalSetup]
    public void Setup()
    {
        (double[][] reference, double[][] window) = DriftData.Normal(1, Size);
        _reference = reference[0];
        _window = window[0];
        _sortedReference = (double[])_reference.Clone();
        Array.Sort(_sortedReference);
        _buffer = new double[Size];
    }

    [Benchmark(Baseline = true)]
    public KolmogorovSmirnovResult Unsorted() => KolmogorovSmirnovTest.TwoSample(_reference, _window);

    [Benchmark]
    public KolmogorovSmirnovResult PreparedReference()
    {
        _window.CopyTo(_buffer, 0);
        DoubleRadixSort.Sort(_buffer);
        return KolmogorovSmirnovTest.TwoSampleSorted(_sortedReference, _buffer);
    }
}

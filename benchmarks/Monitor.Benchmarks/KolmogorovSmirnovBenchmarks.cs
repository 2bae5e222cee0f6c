using BenchmarkDotNet.Attributes;
using Monitor.Statistics;

namespace Monitor.Benchmarks;

/// <summary>
/// The two-sample KS test alone: on two unsorted samples (sorting both, as scipy's ks_2samp does), and against a
/// prepared reference through its rank index (what drift evaluation does), statistic and exact p-value each.
/// </summary>
[MemoryDiagnoser]
public class KolmogorovSmirnovBenchmarks
{
    private double[] _reference = null!;
    private double[] _sortedReference = null!;
    private double[] _window = null!;
    private double[] _buffer = null!;
    private double[] _sorted = null!;
    private int[] _ranks = null!;
    private int[] _histogram = null!;
    private ReferenceRankIndex _index = null!;

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
        _sorted = new double[Size];
        _ranks = new int[2 * Size];
        _histogram = new int[Size + 2];
        _index = new ReferenceRankIndex(_sortedReference);
    }

    [Benchmark(Baseline = true)]
    public KolmogorovSmirnovResult Unsorted() => KolmogorovSmirnovTest.TwoSample(_reference, _window);

    [Benchmark]
    public KolmogorovSmirnovResult PreparedReference()
    {
        if (!_index.TrySortAndCompare(_window, _sorted, _buffer, _ranks, _histogram, out SortedSampleComparison comparison))
        {
            comparison = SortedSampleComparison.Compare(_sortedReference, _sorted);
        }

        return KolmogorovSmirnovTest.FromComparison(comparison);
    }
}

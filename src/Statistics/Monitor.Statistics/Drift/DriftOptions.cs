namespace Monitor.Statistics.Drift;

/// <summary>How drift is judged. The defaults are documented in docs/drift.md.</summary>
public sealed record DriftOptions
{
    public static DriftOptions Default { get; } = new();

    /// <summary>Significance level for p-value tests, applied after the multiple-testing correction for the dataset verdict.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>How the per-feature verdict p-values are corrected for the dataset verdict.</summary>
    public MultipleTestingCorrection Correction { get; init; } = MultipleTestingCorrection.Bonferroni;

    /// <summary>Below this many present values in the window (or the reference) a feature gets no tests and no verdict.</summary>
    public int MinimumSampleSize { get; init; } = 30;

    /// <summary>Verdict test for every numeric feature, replacing the default choice (null: default).</summary>
    public DriftTest? NumericTest { get; init; }

    /// <summary>Verdict test for every categorical feature, replacing the default choice (null: default).</summary>
    public DriftTest? CategoricalTest { get; init; }

    /// <summary>Verdict test per feature name; wins over <see cref="NumericTest"/> and <see cref="CategoricalTest"/>.</summary>
    public IReadOnlyDictionary<string, DriftTest> FeatureTests { get; init; } = new Dictionary<string, DriftTest>();

    /// <summary>PSI at or above this is drift (0.1: the usual "moderate shift" line).</summary>
    public double PsiThreshold { get; init; } = 0.1;

    /// <summary>Jensen-Shannon distance at or above this is drift (Evidently's default).</summary>
    public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Wasserstein distance over the reference standard deviation at or above this is drift (Evidently's default).</summary>
    public double WassersteinNormedThreshold { get; init; } = 0.1;

    /// <summary>How KS p-values are computed (auto: exact up to 10,000 values per sample).</summary>
    public KolmogorovSmirnovMethod KolmogorovSmirnovMethod { get; init; } = KolmogorovSmirnovMethod.Auto;

    /// <summary>
    /// From this effective sample size n m / (n + m) on, the default verdict is a distance with a threshold
    /// instead of a p-value test: with that much data a p-value test flags shifts too small to matter, while the
    /// distance's own sampling noise has become small enough not to cross its threshold by chance.
    /// </summary>
    public double DistanceTestEffectiveSize { get; init; } = 1000;

    /// <summary>For count-based features the distance default also needs this many effective samples per category (JS is biased upward when categories are many and samples few).</summary>
    public double DistanceTestSamplesPerCategory { get; init; } = 100;

    /// <summary>
    /// A tied numeric feature with more distinct reference values than the low-cardinality limit but at most this
    /// many is discrete (counts, ratings, scores): its default Cramér-von Mises verdict is combined with the
    /// contingency test over its values (twice the smaller p-value), which catches mass moving at one level.
    /// </summary>
    public int DiscreteLevelLimit { get; init; } = 50;

    /// <summary>
    /// Features evaluated at once on separate threads. 1 (the default) keeps an evaluation on the calling
    /// thread, which is what a grain wants; the command line uses every core.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "At least one thread is needed.");
        }

        if (!(Alpha > 0 && Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must lie in (0, 1).");
        }

        if (MinimumSampleSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumSampleSize), MinimumSampleSize, "The minimum sample must be at least 2.");
        }

        if (NumericTest is { } n && !n.AppliesTo(FeatureKind.Numeric))
        {
            throw new ArgumentException($"Test '{n}' does not apply to numeric features.");
        }

        if (CategoricalTest is { } c && !c.AppliesTo(FeatureKind.Categorical))
        {
            throw new ArgumentException($"Test '{c}' does not apply to categorical features.");
        }
    }
}

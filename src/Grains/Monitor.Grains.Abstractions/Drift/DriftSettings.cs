namespace Monitor.Grains.Drift;

/// <summary>
/// How a version judges drift. Test names are those of <c>monitor drift --test</c> (ks, cvm, chi2, psi,
/// wasserstein (normed), wasserstein_raw, js) or the report's names (kolmogorov_smirnov, ...).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftSettings")]
public sealed record DriftSettings
{
    public static DriftSettings Default { get; } = new();

    /// <summary>Significance level of p-value tests, applied after the correction for the dataset verdict.</summary>
    [Id(0)] public double Alpha { get; init; } = 0.05;

    /// <summary>"bonferroni" (default), "benjamini_hochberg" (or "bh") or "none".</summary>
    [Id(1)] public string Correction { get; init; } = "bonferroni";

    /// <summary>No verdict for a feature with fewer present values in the window or the reference.</summary>
    [Id(2)] public int MinimumSampleSize { get; init; } = 30;

    /// <summary>Verdict test for every numeric feature instead of the default choice; null for the default.</summary>
    [Id(3)] public string? NumericTest { get; init; }

    /// <summary>Verdict test for every categorical feature instead of the default choice; null for the default.</summary>
    [Id(4)] public string? CategoricalTest { get; init; }

    /// <summary>Verdict test per feature name; wins over the per-type tests.</summary>
    [Id(5)] public IReadOnlyDictionary<string, string> FeatureTests { get; init; } = new Dictionary<string, string>();
    [Id(6)] public double PsiThreshold { get; init; } = 0.1;
    [Id(7)] public double JensenShannonThreshold { get; init; } = 0.1;

    /// <summary>Threshold of the Wasserstein distance over the reference standard deviation.</summary>
    [Id(8)] public double WassersteinThreshold { get; init; } = 0.1;

    /// <summary>How KS p-values are computed, as scipy's method: "auto", "exact" or "asymptotic".</summary>
    [Id(9)] public string KsMethod { get; init; } = "auto";

    /// <summary>Multivariate drift by PCA reconstruction error.</summary>
    [Id(10)] public MultivariateDriftSettings Multivariate { get; init; } = MultivariateDriftSettings.Default;
}

/// <summary>The answer to changing a version's drift settings: the settings in force, or why they were refused.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftSettingsChange")]
public sealed record DriftSettingsChange
{
    [Id(0)] public DriftSettings? Settings { get; init; }
    [Id(1)] public IReadOnlyList<FieldProblem> Problems { get; init; } = [];

    public bool Accepted => Problems.Count == 0;
}

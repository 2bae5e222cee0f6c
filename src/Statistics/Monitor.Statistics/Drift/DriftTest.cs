namespace Monitor.Statistics.Drift;

/// <summary>The drift tests Monitor runs; the first three give p-values, the rest are distances with a threshold.</summary>
public enum DriftTest
{
    /// <summary>Two-sided two-sample Kolmogorov-Smirnov (numeric); p-value.</summary>
    KolmogorovSmirnov,

    /// <summary>Two-sample Cramér-von Mises (numeric); p-value.</summary>
    CramerVonMises,

    /// <summary>Pearson chi-squared on category counts (categorical, or numeric with few distinct values); p-value.</summary>
    ChiSquared,

    /// <summary>Population stability index on reference-frozen bins or categories; distance.</summary>
    Psi,

    /// <summary>Wasserstein-1 distance in the feature's own units (numeric); distance.</summary>
    Wasserstein,

    /// <summary>Wasserstein-1 distance divided by the reference standard deviation (numeric); distance.</summary>
    WassersteinNormed,

    /// <summary>Jensen-Shannon distance, base 2, on bin or category shares; distance.</summary>
    JensenShannon,
}

namespace Monitor.Statistics.Drift;

/// <summary>
/// The default verdict test per feature type and sample size, modelled on Evidently's rules but keyed on the
/// effective sample size n m / (n + m) (the noise of every two-sample statistic depends on both sizes):
/// <list type="bullet">
/// <item>numeric, effective size below 1,000: Cramér-von Mises p-value (Evidently uses KS; CvM detects small
/// location shifts with more power at the same false alarm rate; KS is still reported);</item>
/// <item>numeric, effective size 1,000 or more: Wasserstein distance over the reference standard deviation, threshold 0.1;</item>
/// <item>categorical, and numeric with at most 5 distinct reference values: chi-squared p-value, or Jensen-Shannon
/// distance (threshold 0.1) once the effective size is at least 1,000 and 100 per category.</item>
/// </list>
/// </summary>
public static class DefaultDriftTests
{
    public static DriftTest For(ReferenceFeature feature, int currentSize, DriftOptions options)
    {
        double n = feature.Count;
        double m = currentSize;
        double effective = n * m / (n + m);
        if (feature.IsCountBased)
        {
            bool large = effective >= options.DistanceTestEffectiveSize
                && effective >= options.DistanceTestSamplesPerCategory * Math.Max(1, feature.CategoryCount);
            return large ? DriftTest.JensenShannon : DriftTest.ChiSquared;
        }

        return effective >= options.DistanceTestEffectiveSize ? DriftTest.WassersteinNormed : DriftTest.CramerVonMises;
    }

    /// <summary>The verdict test for a feature: per-feature override, then the per-kind override, then the default.</summary>
    public static (DriftTest Test, bool IsDefault) Choose(ReferenceFeature feature, int currentSize, DriftOptions options)
    {
        if (options.FeatureTests.TryGetValue(feature.Name, out DriftTest chosen))
        {
            if (!Applies(chosen, feature))
            {
                throw new ArgumentException($"Test '{chosen}' does not apply to feature '{feature.Name}' ({feature.Kind}).");
            }

            return (chosen, false);
        }

        DriftTest? perKind = feature.Kind == FeatureKind.Numeric ? options.NumericTest : options.CategoricalTest;
        if (perKind is { } k && Applies(k, feature))
        {
            return (k, false);
        }

        return (For(feature, currentSize, options), true);
    }

    /// <summary>Chi-squared needs categories: it applies to numeric features only when they have few distinct values.</summary>
    public static bool Applies(DriftTest test, ReferenceFeature feature) =>
        test.AppliesTo(feature.Kind) || (test == DriftTest.ChiSquared && feature.IsCountBased);
}

namespace Monitor.Statistics.Drift;

/// <summary>
/// The default verdict test per feature, chosen from the data and the sample sizes, modelled on Evidently's rules
/// but keyed on the effective sample size n m / (n + m) (the noise of every two-sample statistic depends on both):
/// <list type="bullet">
/// <item>numeric with at most 5 distinct reference values (flags, small counts): compared as categories, by the
/// sparse-safe contingency test, or by Jensen-Shannon distance (threshold 0.1) once the effective size is at least
/// 1,000 and 100 per value;</item>
/// <item>other numeric, effective size below 1,000: Cramér-von Mises (Evidently uses KS; CvM detects small shifts
/// with more power at the same false alarm rate), tie-aware when values repeat (integer-valued, rounded,
/// zero-inflated features), scipy's without ties;</item>
/// <item>numeric with more than <see cref="DriftOptions.DiscreteLevelLimit"/> distinct values one of which holds at
/// least <see cref="PointMassShare"/> of the reference (a point mass beside a continuous part: zeros of an amount),
/// effective size below 1,000: KS with its exact conditional null. Cramér-von Mises weighs each value by its
/// multiplicity, so the point mass's own sampling noise fills much of its null while a change in the continuous
/// part does not move it; KS's largest gap is not diluted (measured in docs/drift.md: 5% against 19% power);</item>
/// <item>numeric, effective size 1,000 or more: Wasserstein distance over the reference standard deviation, threshold 0.1;</item>
/// <item>categorical: the contingency test, or Jensen-Shannon under the same size rule as above.</item>
/// </list>
/// </summary>
public static class DefaultDriftTests
{
    /// <summary>From this share of the reference in one value, a feature with many other values is a point mass plus a continuous part.</summary>
    public const double PointMassShare = 0.2;

    public static DriftTest For(ReferenceFeature feature, int currentSize, DriftOptions options) =>
        Default(feature, currentSize, options).Test;

    /// <summary>The verdict test for a feature: per-feature override, then the per-kind override, then the default.</summary>
    public static (DriftTest Test, bool IsDefault) Choose(ReferenceFeature feature, int currentSize, DriftOptions options)
    {
        (DriftTest test, bool isDefault, _) = ChooseWithReason(feature, currentSize, options);
        return (test, isDefault);
    }

    /// <summary>As <see cref="Choose"/>, with the reason in words for the report.</summary>
    public static (DriftTest Test, bool IsDefault, string Reason) ChooseWithReason(ReferenceFeature feature, int currentSize, DriftOptions options)
    {
        if (options.FeatureTests.TryGetValue(feature.Name, out DriftTest chosen))
        {
            if (!Applies(chosen, feature))
            {
                throw new ArgumentException($"Test '{chosen}' does not apply to feature '{feature.Name}' ({feature.Kind}).");
            }

            return (chosen, false, $"set for this feature (feature_tests); {Describe(feature)}");
        }

        DriftTest? perKind = feature.Kind == FeatureKind.Numeric ? options.NumericTest : options.CategoricalTest;
        if (perKind is { } k && Applies(k, feature))
        {
            string setting = feature.Kind == FeatureKind.Numeric ? "numeric_test" : "categorical_test";
            return (k, false, $"set for every {(feature.Kind == FeatureKind.Numeric ? "numeric" : "categorical")} feature ({setting}); {Describe(feature)}");
        }

        (DriftTest test, string reason) = Default(feature, currentSize, options);
        return (test, true, reason);
    }

    /// <summary>Chi-squared needs categories: it applies to numeric features only when they have few distinct values.</summary>
    public static bool Applies(DriftTest test, ReferenceFeature feature) =>
        test.AppliesTo(feature.Kind) || (test == DriftTest.ChiSquared && feature.IsCountBased);

    private static (DriftTest Test, string Reason) Default(ReferenceFeature feature, int currentSize, DriftOptions options)
    {
        double n = feature.Count;
        double m = currentSize;
        double effective = n * m / (n + m);
        string size = $"effective size {effective:0}";
        if (feature.IsCountBased)
        {
            double perCategory = options.DistanceTestSamplesPerCategory * Math.Max(1, feature.CategoryCount);
            bool large = effective >= options.DistanceTestEffectiveSize && effective >= perCategory;
            return large
                ? (DriftTest.JensenShannon, $"{Describe(feature)}, {size} >= {options.DistanceTestEffectiveSize:0} and >= {perCategory:0}: a distance with a threshold")
                : (DriftTest.ChiSquared, $"{Describe(feature)}, {size}: a contingency test over the values (sparse cells get a permutation null or are pooled)");
        }

        if (effective >= options.DistanceTestEffectiveSize)
        {
            return (DriftTest.WassersteinNormed, $"{Describe(feature)}, {size} >= {options.DistanceTestEffectiveSize:0}: a distance with a threshold");
        }

        if (feature is NumericReferenceFeature { HasTies: true } mixed && mixed.DistinctCount > options.DiscreteLevelLimit
            && mixed.LargestLevelShare >= PointMassShare)
        {
            return (DriftTest.KolmogorovSmirnov, $"{Describe(feature)}, {size} < {options.DistanceTestEffectiveSize:0}: one value holds "
                + $"{mixed.LargestLevelShare:0%} of the reference (a point mass beside continuous values): KS with the exact conditional null, "
                + "not diluted by the point mass as Cramér-von Mises is");
        }

        string variant = feature switch
        {
            NumericReferenceFeature { HasTies: true } numeric when numeric.DistinctCount <= options.DiscreteLevelLimit =>
                $"discrete (at most {options.DiscreteLevelLimit} values): tie-aware Cramér-von Mises combined with a contingency test over the values",
            NumericReferenceFeature { HasTies: true } => "tie-aware Cramér-von Mises",
            _ => "Cramér-von Mises (tie-aware if the window repeats values)",
        };
        return (DriftTest.CramerVonMises, $"{Describe(feature)}, {size} < {options.DistanceTestEffectiveSize:0}: {variant}");
    }

    private static string Describe(ReferenceFeature feature) => feature switch
    {
        NumericReferenceFeature numeric => numeric.Describe(),
        _ => $"categorical, {feature.CategoryCount} categories",
    };
}

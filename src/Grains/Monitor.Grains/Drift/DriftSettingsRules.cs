using System.Globalization;
using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// Checks a version's drift settings (every problem named by its field), writes them with canonical names,
/// and turns them into the engine's options for the features and for the model outputs.
/// </summary>
public static class DriftSettingsRules
{
    public static IReadOnlyList<FieldProblem> Check(DriftSettings settings, PreparedReference? reference)
    {
        var problems = new List<FieldProblem>();
        if (!(settings.Alpha > 0 && settings.Alpha < 1))
        {
            problems.Add(new FieldProblem("alpha", $"must lie strictly between 0 and 1, got {Text(settings.Alpha)}"));
        }

        if (!DriftNames.TryParseCorrection(settings.Correction, out _))
        {
            problems.Add(new FieldProblem("correction", $"must be bonferroni, benjamini_hochberg (bh) or none, got '{settings.Correction}'"));
        }

        if (settings.MinimumSampleSize is < 2 or > 1_000_000)
        {
            problems.Add(new FieldProblem("minimum_sample_size", $"must be a whole number from 2 to 1,000,000, got {settings.MinimumSampleSize}"));
        }

        CheckKindTest("numeric_test", settings.NumericTest, FeatureKind.Numeric, problems);
        CheckKindTest("categorical_test", settings.CategoricalTest, FeatureKind.Categorical, problems);
        foreach (var (feature, name) in settings.FeatureTests)
        {
            var field = $"feature_tests.{feature}";
            if (!DriftTestExtensions.TryParse(name, out var test))
            {
                problems.Add(new FieldProblem(field, UnknownTest(name)));
                continue;
            }

            if (reference is null)
            {
                continue;
            }

            if (reference.Features.Find(feature) is not { } known)
            {
                problems.Add(new FieldProblem(field, $"the reference has no feature '{feature}'"));
            }
            else if (!DefaultDriftTests.Applies(test, known))
            {
                problems.Add(new FieldProblem(field, $"{DriftNames.Of(test)} does not apply to '{feature}', a {DriftNames.Of(known.Kind)} feature"));
            }
        }

        CheckThreshold("psi_threshold", settings.PsiThreshold, problems);
        CheckThreshold("jensen_shannon_threshold", settings.JensenShannonThreshold, problems);
        CheckThreshold("wasserstein_threshold", settings.WassersteinThreshold, problems);
        if (!DriftNames.TryParseKsMethod(settings.KsMethod, out _))
        {
            problems.Add(new FieldProblem("ks_method", $"must be auto, exact or asymptotic, got '{settings.KsMethod}'"));
        }

        MultivariateSettingsRules.Check(settings.Multivariate, problems);
        return problems;
    }

    /// <summary>The settings with canonical names (checked settings only).</summary>
    public static DriftSettings Canonical(DriftSettings settings)
    {
        DriftNames.TryParseCorrection(settings.Correction, out var correction);
        DriftNames.TryParseKsMethod(settings.KsMethod, out var method);
        return settings with
        {
            Correction = DriftNames.Of(correction),
            KsMethod = DriftNames.Of(method),
            NumericTest = CanonicalTest(settings.NumericTest),
            CategoricalTest = CanonicalTest(settings.CategoricalTest),
            FeatureTests = settings.FeatureTests.ToDictionary(p => p.Key, p => CanonicalTest(p.Value)!, StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Engine options for the features (per-feature tests that do not apply to the current reference are left
    /// out and named in <paramref name="notes"/>) and for the outputs (default tests, same thresholds).
    /// </summary>
    public static (DriftOptions Features, DriftOptions Outputs) ToOptions(DriftSettings settings, PreparedReference? reference, List<string> notes)
    {
        DriftNames.TryParseCorrection(settings.Correction, out var correction);
        DriftNames.TryParseKsMethod(settings.KsMethod, out var method);
        var outputs = new DriftOptions
        {
            Alpha = settings.Alpha,
            Correction = correction,
            MinimumSampleSize = settings.MinimumSampleSize,
            PsiThreshold = settings.PsiThreshold,
            JensenShannonThreshold = settings.JensenShannonThreshold,
            WassersteinNormedThreshold = settings.WassersteinThreshold,
            KolmogorovSmirnovMethod = method,
        };

        var featureTests = new Dictionary<string, DriftTest>(StringComparer.Ordinal);
        foreach (var (feature, name) in settings.FeatureTests)
        {
            if (!DriftTestExtensions.TryParse(name, out var test))
            {
                continue;
            }

            var known = reference?.Features.Find(feature);
            if (known is null || !DefaultDriftTests.Applies(test, known))
            {
                notes.Add(known is null
                    ? $"feature_tests.{feature}: the reference has no such feature; the override is not used"
                    : $"feature_tests.{feature}: {DriftNames.Of(test)} does not apply to a {DriftNames.Of(known.Kind)} feature; the default test is used");
                continue;
            }

            featureTests[feature] = test;
        }

        var features = outputs with
        {
            NumericTest = ParseOrNull(settings.NumericTest),
            CategoricalTest = ParseOrNull(settings.CategoricalTest),
            FeatureTests = featureTests,
        };
        return (features, outputs);
    }

    private static void CheckKindTest(string field, string? name, FeatureKind kind, List<FieldProblem> problems)
    {
        if (name is null)
        {
            return;
        }

        if (!DriftTestExtensions.TryParse(name, out var test))
        {
            problems.Add(new FieldProblem(field, UnknownTest(name)));
        }
        else if (!test.AppliesTo(kind))
        {
            problems.Add(new FieldProblem(field, $"{DriftNames.Of(test)} does not apply to {DriftNames.Of(kind)} features"));
        }
    }

    private static void CheckThreshold(string field, double value, List<FieldProblem> problems)
    {
        if (!(value > 0 && double.IsFinite(value)))
        {
            problems.Add(new FieldProblem(field, $"must be a positive number, got {Text(value)}"));
        }
    }

    private static string UnknownTest(string? name) =>
        $"unknown test '{name}'; use ks, cvm, chi2, psi, wasserstein, wasserstein_raw or js";

    private static string? CanonicalTest(string? name) =>
        name is not null && DriftTestExtensions.TryParse(name, out var test) ? DriftNames.Setting(test) : name;

    private static DriftTest? ParseOrNull(string? name) =>
        name is not null && DriftTestExtensions.TryParse(name, out var test) ? test : null;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

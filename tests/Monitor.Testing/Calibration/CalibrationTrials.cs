using Monitor.Statistics.Drift;

namespace Monitor.Testing.Calibration;

/// <summary>
/// Runs seeded trials of one feature family through the drift engine: the share of trials whose verdict p-value
/// (of a chosen test, or the default verdict) says drift at alpha, with the window shifted or not.
/// </summary>
public static class CalibrationTrials
{
    /// <summary>The share of trials in which the feature's verdict drifts. test null: the default verdict.</summary>
    public static double Rate(FeatureFamily family, DriftTest? test, int referenceSize, int windowSize, double shift, int trials, int seed,
        double alpha = 0.05)
    {
        var random = new SeededRandom(seed);
        var options = new DriftOptions
        {
            Alpha = alpha,
            FeatureTests = test is { } t ? new Dictionary<string, DriftTest> { ["x"] = t } : new Dictionary<string, DriftTest>(),
        };
        var engine = new DriftEngine(options);
        int hits = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            DriftReference reference = DriftReference.Prepare([DriftColumn.Numeric("x", family.Sample(random, referenceSize, 0))]);
            DriftReport report = engine.Evaluate(reference, [DriftColumn.Numeric("x", family.Sample(random, windowSize, shift))]);
            hits += report.Features[0].Verdict is { Drifted: true } ? 1 : 0;
        }

        return (double)hits / trials;
    }

    /// <summary>The share of trials in which a reported test's own p-value is below alpha (scipy's KS, say), whatever the verdict.</summary>
    public static double ReportedRate(FeatureFamily family, DriftTest test, int referenceSize, int windowSize, double shift, int trials, int seed,
        double alpha = 0.05)
    {
        var random = new SeededRandom(seed);
        var engine = new DriftEngine();
        int hits = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            DriftReference reference = DriftReference.Prepare([DriftColumn.Numeric("x", family.Sample(random, referenceSize, 0))]);
            DriftReport report = engine.Evaluate(reference, [DriftColumn.Numeric("x", family.Sample(random, windowSize, shift))]);
            hits += report.Features[0].Tests.Any(t => t.Test == test && t.PValue < alpha) ? 1 : 0;
        }

        return (double)hits / trials;
    }

    /// <summary>The share of trials in which a dataset of the given families (one feature each) is called drifted, default tests.</summary>
    public static double DatasetRate(IReadOnlyList<FeatureFamily> families, int referenceSize, int windowSize, int shiftedFeature, double shift,
        int trials, int seed)
    {
        var random = new SeededRandom(seed);
        var engine = new DriftEngine();
        int hits = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            var reference = new DriftColumn[families.Count];
            var window = new DriftColumn[families.Count];
            for (int f = 0; f < families.Count; f++)
            {
                reference[f] = DriftColumn.Numeric($"f{f}", families[f].Sample(random, referenceSize, 0));
                window[f] = DriftColumn.Numeric($"f{f}", families[f].Sample(random, windowSize, f == shiftedFeature ? shift : 0));
            }

            hits += engine.Evaluate(DriftReference.Prepare(reference), window).Dataset.Drifted ? 1 : 0;
        }

        return (double)hits / trials;
    }
}

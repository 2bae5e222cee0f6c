using System.Buffers;
using System.Numerics;

namespace Monitor.Statistics.Drift;

/// <summary>
/// Evaluates a window against a prepared reference. Per numeric feature the window is ranked against the
/// reference's cached index, which sorts it at the same time; KS, Cramér-von Mises and Wasserstein follow from
/// the ranks in branch-free passes (a plain merge of the sorted samples when values are tied), PSI and
/// Jensen-Shannon from binary searches of the frozen bin edges. Pure and thread-safe: no I/O, no clocks, no
/// shared state.
/// </summary>
public sealed partial class DriftEngine
{
    // Below about this many window values in all, starting threads costs more than it saves.
    private const long ParallelWorkThreshold = 8000;

    public DriftEngine(DriftOptions? options = null)
    {
        Options = options ?? DriftOptions.Default;
        Options.Validate();
    }

    public DriftOptions Options { get; }

    /// <summary>Evaluates with default options.</summary>
    public static DriftReport Evaluate(DriftReference reference, IReadOnlyList<DriftColumn> current, DriftOptions? options = null) =>
        new DriftEngine(options).Evaluate(reference, current);

    public DriftReport Evaluate(DriftReference reference, IReadOnlyList<DriftColumn> current)
    {
        // A per-feature test that cannot apply is the caller's mistake: say so before any work.
        foreach (ReferenceFeature feature in reference.Features)
        {
            if (Options.FeatureTests.TryGetValue(feature.Name, out DriftTest test) && !DefaultDriftTests.Applies(test, feature))
            {
                throw new ArgumentException($"Test '{test}' does not apply to feature '{feature.Name}' ({feature.Kind}).");
            }
        }

        var byName = new Dictionary<string, DriftColumn>(current.Count, StringComparer.Ordinal);
        int longest = 0;
        foreach (DriftColumn column in current)
        {
            byName[column.Name] = column;
            longest = Math.Max(longest, column.Length);
        }

        var unknown = new List<string>();
        foreach (DriftColumn column in current)
        {
            if (reference.Find(column.Name) is null)
            {
                unknown.Add(column.Name);
            }
        }

        var features = new FeatureDriftReport[reference.Features.Count];
        int referenceLongest = 0;
        foreach (ReferenceFeature feature in reference.Features)
        {
            referenceLongest = Math.Max(referenceLongest, feature.Count);
        }

        int windowLength = Math.Max(longest, 1);
        FeatureDriftReport EvaluateOne(int i, Buffers buffers)
        {
            ReferenceFeature feature = reference.Features[i];
            return byName.TryGetValue(feature.Name, out DriftColumn? column)
                ? EvaluateFeature(feature, column, buffers, reference.Features.Count)
                : Unjudged(feature, FeatureDriftStatus.MissingFromCurrent, 0, 0, "The window has no values for this feature.");
        }

        // Threads pay off only when there is enough work to share; each thread rents its own scratch.
        if (Options.MaxDegreeOfParallelism > 1 && features.Length > 1 && (long)features.Length * windowLength >= ParallelWorkThreshold)
        {
            Parallel.For(0, features.Length, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism },
                () => new Buffers(windowLength, referenceLongest),
                (i, _, buffers) =>
                {
                    features[i] = EvaluateOne(i, buffers);
                    return buffers;
                },
                buffers => buffers.Return());
        }
        else
        {
            var buffers = new Buffers(windowLength, referenceLongest);
            try
            {
                for (int i = 0; i < features.Length; i++)
                {
                    features[i] = EvaluateOne(i, buffers);
                }
            }
            finally
            {
                buffers.Return();
            }
        }

        DatasetDriftVerdict dataset = ApplyCorrection(features);
        return new DriftReport(dataset, features, unknown);
    }

    /// <summary>Scratch arrays rented once per evaluation and reused for every feature.</summary>
    private sealed class Buffers(int window, int reference)
    {
        public double[] Values { get; } = ArrayPool<double>.Shared.Rent(window);
        public double[] Sorted { get; } = ArrayPool<double>.Shared.Rent(window);
        public int[] Ranks { get; } = ArrayPool<int>.Shared.Rent(2 * window);
        public int[] Histogram { get; } = ArrayPool<int>.Shared.Rent(reference + 2);

        public void Return()
        {
            ArrayPool<double>.Shared.Return(Values);
            ArrayPool<double>.Shared.Return(Sorted);
            ArrayPool<int>.Shared.Return(Ranks);
            ArrayPool<int>.Shared.Return(Histogram);
        }
    }

    // family: the features whose verdicts are corrected together, so a permutation null draws enough to resolve alpha / family.
    private FeatureDriftReport EvaluateFeature(ReferenceFeature feature, DriftColumn column, Buffers buffers, int family)
    {
        switch (feature, column)
        {
            case (NumericReferenceFeature numeric, NumericDriftColumn values):
                return EvaluateNumeric(numeric, values.Values.Span, buffers, family);
            case (CategoricalReferenceFeature categorical, CategoricalDriftColumn labels):
                return EvaluateCategorical(categorical, labels.Values, family);
            default:
                return Unjudged(feature, FeatureDriftStatus.TypeMismatch, column.Length, 0,
                    $"The reference holds this feature as {feature.Kind.ToString().ToLowerInvariant()}, the window as {column.Kind.ToString().ToLowerInvariant()}.");
        }
    }

    private static bool ContainsNaN(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = new Vector<double>(values.Slice(i));
                if (!Vector.EqualsAll(v, v))
                {
                    return true;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private FeatureDriftReport EvaluateCategorical(CategoricalReferenceFeature feature, IReadOnlyList<string?> values, int family)
    {
        int k = feature.Categories.Length;
        var counts = new double[k];
        Dictionary<string, int>? unseen = null;
        int missing = 0;
        int unseenCount = 0;
        for (int i = 0; i < values.Count; i++)
        {
            string? value = values[i];
            if (value is null)
            {
                missing++;
                continue;
            }

            int index = feature.IndexOf(value);
            if (index >= 0)
            {
                counts[index]++;
            }
            else
            {
                unseen ??= new Dictionary<string, int>(StringComparer.Ordinal);
                unseen[value] = unseen.GetValueOrDefault(value) + 1;
                unseenCount++;
            }
        }

        int n1 = feature.Count;
        int n2 = values.Count - missing;
        if (n2 < Options.MinimumSampleSize || n1 < Options.MinimumSampleSize)
        {
            return Unjudged(feature, FeatureDriftStatus.InsufficientData, n2, missing, InsufficientMessage(n1, n2));
        }

        // Categories the reference never saw become extra columns with a reference count of zero.
        int extra = unseen?.Count ?? 0;
        var referenceCounts = new double[k + extra];
        var currentCounts = new double[k + extra];
        feature.Counts.CopyTo(referenceCounts, 0);
        counts.CopyTo(currentCounts, 0);
        if (unseen is not null)
        {
            int j = k;
            foreach (int c in unseen.Values)
            {
                currentCounts[j++] = c;
            }
        }

        var tests = new List<DriftTestResult>(3);
        TiedTestResult chi = SparseContingencyTest.Test(referenceCounts, currentCounts, family, Options.Alpha);
        tests.Add(PValueResult(DriftTest.ChiSquared, chi.Statistic, chi.PValue, n1, n2, chi.Method));
        tests.Add(DistanceResult(DriftTest.JensenShannon, JensenShannonDistance.Base2(referenceCounts, currentCounts), Options.JensenShannonThreshold, n1, n2));
        tests.Add(DistanceResult(DriftTest.Psi, PopulationStabilityIndex.FromCounts(referenceCounts, currentCounts), Options.PsiThreshold, n1, n2));

        FeatureVerdict verdict = Verdict(feature, n2, tests, null);
        return new FeatureDriftReport(feature.Name, FeatureKind.Categorical, FeatureDriftStatus.Evaluated, n1, n2, missing, verdict, tests,
            UnseenShare: (double)unseenCount / n2);
    }

    /// <summary>
    /// The feature's verdict from its tests. <paramref name="replacement"/> is a verdict p-value computed apart
    /// from the reported test (KS on tied data: the report keeps scipy's p-value, the verdict a calibrated one).
    /// </summary>
    private FeatureVerdict Verdict(ReferenceFeature feature, int currentSize, List<DriftTestResult> tests, DriftTestResult? replacement) =>
        Verdict(feature, DefaultDriftTests.ChooseWithReason(feature, currentSize, Options), tests, replacement);

    /// <summary>As above, with the verdict test already chosen (the numeric path needs it before the tests are done).</summary>
    private static FeatureVerdict Verdict(ReferenceFeature feature, (DriftTest Test, bool IsDefault, string Reason) chosen, List<DriftTestResult> tests,
        DriftTestResult? replacement)
    {
        (DriftTest test, bool isDefault, string reason) = chosen;
        DriftTestResult? result = replacement is not null && replacement.Test == test ? replacement : null;
        foreach (DriftTestResult t in tests)
        {
            if (result is null && t.Test == test)
            {
                result = t;
                break;
            }
        }

        if (result is null)
        {
            throw new ArgumentException($"Test '{test}' does not apply to feature '{feature.Name}'.");
        }

        // The p-value verdict is settled once the correction is known (ApplyCorrection).
        return new FeatureVerdict(result.Test, isDefault, result.Statistic, result.PValue, null, result.Threshold, result.Drifted,
            reason, result.PValueMethod);
    }

    private DatasetDriftVerdict ApplyCorrection(FeatureDriftReport[] features)
    {
        var pValues = new List<double>();
        var indexes = new List<int>();
        for (int i = 0; i < features.Length; i++)
        {
            if (features[i].Verdict is { PValue: { } p })
            {
                pValues.Add(p);
                indexes.Add(i);
            }
        }

        double[] adjusted = PValueAdjustment.Adjust(pValues.ToArray(), Options.Correction);
        for (int j = 0; j < indexes.Count; j++)
        {
            FeatureDriftReport report = features[indexes[j]];
            features[indexes[j]] = report with
            {
                Verdict = report.Verdict! with { AdjustedPValue = adjusted[j], Drifted = adjusted[j] < Options.Alpha },
            };
        }

        int tested = 0, drifted = 0, without = 0;
        foreach (FeatureDriftReport report in features)
        {
            if (report.Verdict is null)
            {
                without++;
                continue;
            }

            tested++;
            if (report.Verdict.Drifted)
            {
                drifted++;
            }
        }

        return new DatasetDriftVerdict(drifted > 0, Options.Correction, Options.Alpha, Options.MinimumSampleSize,
            tested, drifted, without, tested == 0 ? 0.0 : (double)drifted / tested);
    }

    private DriftTestResult PValueResult(DriftTest test, double statistic, double p, int n1, int n2, string method) =>
        new(test, statistic, p, Options.Alpha, p < Options.Alpha, n1, n2, method);

    private static DriftTestResult DistanceResult(DriftTest test, double statistic, double threshold, int n1, int n2) =>
        new(test, statistic, null, threshold, statistic >= threshold, n1, n2);

    private static FeatureDriftReport Unjudged(ReferenceFeature feature, FeatureDriftStatus status, int currentSize, int missing, string message) =>
        new(feature.Name, feature.Kind, status, feature.Count, currentSize, missing, null, [], Message: message);

    private string InsufficientMessage(int referenceSize, int currentSize) =>
        $"At least {Options.MinimumSampleSize} present values are needed in both samples (reference {referenceSize}, window {currentSize}).";
}

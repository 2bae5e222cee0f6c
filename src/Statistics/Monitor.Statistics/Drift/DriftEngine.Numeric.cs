namespace Monitor.Statistics.Drift;

/// <summary>The numeric half of the engine: ranks, the tie-aware path, counts of low-cardinality features.</summary>
public sealed partial class DriftEngine
{
    private FeatureDriftReport EvaluateNumeric(NumericReferenceFeature feature, ReadOnlySpan<double> values, Buffers buffers, int family)
    {
        // Most windows have no missing values: use them in place and copy only when NaN must be dropped.
        ReadOnlySpan<double> present = values;
        if (ContainsNaN(values))
        {
            int count = 0;
            double[] buffer = buffers.Values;
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                if (!double.IsNaN(v))
                {
                    buffer[count++] = v;
                }
            }

            present = buffer.AsSpan(0, count);
        }

        int n2 = present.Length;
        int missing = values.Length - n2;
        if (n2 < Options.MinimumSampleSize || feature.Count < Options.MinimumSampleSize)
        {
            return Unjudged(feature, FeatureDriftStatus.InsufficientData, n2, missing, InsufficientMessage(feature.Count, n2));
        }

        // A tied reference: the window is counted per reference level in one pass (never sorted) and its pooled
        // cells give KS, the tie-aware Cramér-von Mises and Wasserstein. Otherwise the window is ranked against the
        // cached index (which also sorts it); should it repeat values itself, it is merged into cells after all.
        Span<double> current = buffers.Sorted.AsSpan(0, n2);
        int n1 = feature.Count;
        PooledCells? cells = null;
        SortedSampleComparison comparison;
        if (feature.LevelIndex is { } levelIndex)
        {
            int unseen = levelIndex.CountLevels(present, buffers.Histogram, current);
            cells = PooledCells.FromLevelCounts(feature.Levels, feature.LevelCounts, n1, buffers.Histogram, current[..unseen], n2);
            comparison = cells.ToComparison();
        }
        else if (!feature.RankIndex!.TrySortAndCompare(present, current, buffers.Values, buffers.Ranks, buffers.Histogram, out comparison))
        {
            cells = PooledCells.FromLevels(feature.Levels, feature.LevelCounts, n1, current);
            comparison = cells.ToComparison();
        }

        var tests = new List<DriftTestResult>(8);
        KolmogorovSmirnovResult ks = KolmogorovSmirnovTest.FromComparison(comparison, Options.KolmogorovSmirnovMethod);
        tests.Add(PValueResult(DriftTest.KolmogorovSmirnov, ks.Statistic, ks.PValue, n1, n2,
            ks.Method == KolmogorovSmirnovMethod.Exact ? NullMethods.Exact : NullMethods.Asymptotic));

        if (cells is null)
        {
            CramerVonMisesResult cvm = CramerVonMisesTest.FromComparison(comparison);
            tests.Add(PValueResult(DriftTest.CramerVonMises, cvm.Statistic, cvm.PValue, n1, n2, cvm.Exact ? NullMethods.Exact : NullMethods.Asymptotic));
        }
        else
        {
            TiedTestResult cvm = TiedCramerVonMises.Test(cells, family, Options.Alpha, feature.NullWeights);
            tests.Add(PValueResult(DriftTest.CramerVonMises, cvm.Statistic, cvm.PValue, n1, n2, cvm.Method));
        }

        double wasserstein = comparison.Wasserstein;
        double scale = Math.Max(feature.StandardDeviation, 0.001);
        tests.Add(DistanceResult(DriftTest.Wasserstein, wasserstein, Options.WassersteinNormedThreshold * scale, n1, n2));
        tests.Add(DistanceResult(DriftTest.WassersteinNormed, wasserstein / scale, Options.WassersteinNormedThreshold, n1, n2));

        (DriftTest Test, bool IsDefault, string Reason) chosen = DefaultDriftTests.ChooseWithReason(feature, n2, Options);
        (DriftTest verdictTest, bool isDefault, _) = chosen;
        DriftTestResult? replacement = null;
        if (cells is not null && isDefault && verdictTest == DriftTest.CramerVonMises && !feature.IsCountBased
            && feature.HasTies && feature.DistinctCount <= Options.DiscreteLevelLimit)
        {
            DriftTestResult cvm = tests.Find(t => t.Test == DriftTest.CramerVonMises)!;
            TiedTestResult levels = SparseContingencyTest.Test(cells, family, Options.Alpha);
            tests.Add(PValueResult(DriftTest.ChiSquared, levels.Statistic, levels.PValue, n1, n2, levels.Method));
            double combined = Math.Min(1.0, 2 * Math.Min(cvm.PValue!.Value, levels.PValue));
            replacement = PValueResult(DriftTest.CramerVonMises, cvm.Statistic, combined, n1, n2, NullMethods.DiscreteCombined);
        }

        double[] referenceCounts, currentCounts;
        if (feature.IsCountBased)
        {
            // A few distinct reference values that do not repeat (a tiny reference) are counted through cells too.
            (referenceCounts, currentCounts) = WindowCellCounts.CountDistinct(feature, cells ?? PooledCells.FromLevels(feature.Levels, null, n1, current));
            TiedTestResult chi = SparseContingencyTest.Test(referenceCounts, currentCounts, family, Options.Alpha);
            tests.Add(PValueResult(DriftTest.ChiSquared, chi.Statistic, chi.PValue, n1, n2, chi.Method));
        }
        else
        {
            referenceCounts = feature.BinCounts;
            currentCounts = cells is null ? NumericReferenceFeature.CountBins(current, feature.BinEdges) : WindowCellCounts.CountBins(cells, feature.BinEdges);
        }

        tests.Add(DistanceResult(DriftTest.Psi, PopulationStabilityIndex.FromCounts(referenceCounts, currentCounts), Options.PsiThreshold, n1, n2));
        tests.Add(DistanceResult(DriftTest.JensenShannon, JensenShannonDistance.Base2(referenceCounts, currentCounts), Options.JensenShannonThreshold, n1, n2));

        int outside = cells is null
            ? NumericReferenceFeature.LowerBound(current, feature.Min) + (n2 - NumericReferenceFeature.UpperBound(current, feature.Max))
            : WindowCellCounts.CountOutside(cells, feature.Min, feature.Max);
        // KS on tied data: the report keeps scipy's p-value (conservative with ties); a KS verdict gets a calibrated one.
        if (cells is not null && verdictTest == DriftTest.KolmogorovSmirnov)
        {
            TiedTestResult tied = TiedKolmogorovSmirnov.Test(cells, ks.PValue, family, Options.Alpha);
            replacement = PValueResult(DriftTest.KolmogorovSmirnov, ks.Statistic, tied.PValue, n1, n2, tied.Method);
        }

        FeatureVerdict verdict = Verdict(feature, chosen, tests, replacement);
        return new FeatureDriftReport(feature.Name, FeatureKind.Numeric, FeatureDriftStatus.Evaluated, n1, n2, missing, verdict, tests,
            OutOfRangeShare: (double)outside / n2);
    }
}

using System.Globalization;
using Monitor.Statistics.Drift;

namespace Monitor.Cli;

/// <summary>The drift report as an aligned text table for a terminal.</summary>
public static class DriftTable
{
    public static void Write(DriftReport report, TextWriter output)
    {
        DatasetDriftVerdict d = report.Dataset;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataset: {(d.Drifted ? "DRIFT" : "no drift")} ({d.FeaturesDrifted} of {d.FeaturesTested} features drifted; correction {d.Correction}, alpha {d.Alpha}; {d.FeaturesWithoutVerdict} without verdict)"));
        output.WriteLine();

        string[] header = ["feature", "kind", "status", "n_ref", "n_cur", "missing", "test", "statistic", "p_value", "adj_p", "drift", "ks_stat", "ks_p"];
        var rows = new List<string[]> { header };
        foreach (FeatureDriftReport f in report.Features)
        {
            DriftTestResult? ks = f.Tests.FirstOrDefault(t => t.Test == DriftTest.KolmogorovSmirnov);
            FeatureVerdict? v = f.Verdict;
            rows.Add(
            [
                f.Name,
                f.Kind.ToString().ToLowerInvariant(),
                f.Status.ToString(),
                f.ReferenceSize.ToString(CultureInfo.InvariantCulture),
                f.CurrentSize.ToString(CultureInfo.InvariantCulture),
                f.CurrentMissing.ToString(CultureInfo.InvariantCulture),
                v?.Test.ToString() ?? "-",
                DriftCommand.Format(v?.Statistic),
                DriftCommand.Format(v?.PValue),
                DriftCommand.Format(v?.AdjustedPValue),
                v is null ? "-" : v.Drifted ? "YES" : "no",
                DriftCommand.Format(ks?.Statistic),
                DriftCommand.Format(ks?.PValue),
            ]);
        }

        var widths = new int[header.Length];
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (string[] row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => i is >= 3 and <= 5 or >= 7 and <= 9 or >= 11 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        }

        foreach (FeatureDriftReport f in report.Features.Where(f => f.Verdict is not null))
        {
            string method = f.Verdict!.PValueMethod is { } m ? $" [p-value: {m}]" : "";
            output.WriteLine($"  {f.Name}: {f.Verdict.Test} because {f.Verdict.Reason}{method}");
        }

        foreach (FeatureDriftReport f in report.Features.Where(f => f.Message is not null))
        {
            output.WriteLine($"  {f.Name}: {f.Message}");
        }

        if (report.UnknownFeatures.Count > 0)
        {
            output.WriteLine($"Columns not in the reference: {string.Join(", ", report.UnknownFeatures)}");
        }
    }
}

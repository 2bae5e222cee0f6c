using System.Globalization;
using Monitor.Grains.Drift;

namespace Monitor.Cli;

/// <summary>The drift report as an aligned text table for a terminal, with the statuses and test names of the JSON report.</summary>
public static class DriftTable
{
    public static void Write(DriftReportDocument report, TextWriter output)
    {
        DatasetDrift d = report.Dataset;
        string verdict = d.Drifted switch
        {
            true => "DRIFT",
            false => "no drift",
            null => "insufficient data, no verdict",
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dataset: {verdict} [{d.Status}] ({d.FeaturesDrifted} of {d.FeaturesTested} features drifted; correction {d.Correction}, alpha {d.Alpha}; {d.FeaturesWithoutVerdict} without verdict)"));
        output.WriteLine();

        string[] header = ["feature", "kind", "status", "n_ref", "n_cur", "missing", "test", "statistic", "p_value", "adj_p", "drift", "ks_stat", "ks_p"];
        var rows = new List<string[]> { header };
        foreach (FeatureDrift f in report.Features)
        {
            DriftTestOutcome? ks = f.Tests.FirstOrDefault(t => t.Test == "kolmogorov_smirnov");
            FeatureDriftVerdict? v = f.Verdict;
            rows.Add(
            [
                f.Name,
                f.Kind,
                f.Status,
                f.ReferenceSize.ToString(CultureInfo.InvariantCulture),
                f.CurrentSize.ToString(CultureInfo.InvariantCulture),
                f.CurrentMissing.ToString(CultureInfo.InvariantCulture),
                v?.Test ?? "-",
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

        foreach (FeatureDrift f in report.Features.Where(f => f.Verdict is not null))
        {
            string method = f.Verdict!.PValueMethod is { } m ? $" [p-value: {m}]" : "";
            output.WriteLine($"  {f.Name}: {f.Verdict.Test} because {f.Verdict.Reason}{method}");
        }

        foreach (FeatureDrift f in report.Features.Where(f => f.Message is not null))
        {
            output.WriteLine($"  {f.Name}: {f.Message}");
        }

        if (report.Multivariate is { } mv)
        {
            string multivariate = mv.Drifted switch { true => "DRIFT", false => "no drift", null => "no verdict" };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Multivariate (PCA reconstruction, {mv.Components} components, {mv.VarianceKept:P0} of the variance): {multivariate} [{mv.Status}] error {DriftCommand.Format(mv.ReconstructionError)}, bounds {DriftCommand.Format(mv.LowerThreshold)} to {DriftCommand.Format(mv.UpperThreshold)}{(mv.Message is { } note ? "; " + note : "")}"));
        }

        if (report.UnknownFeatures.Count > 0)
        {
            output.WriteLine($"Columns not in the reference: {string.Join(", ", report.UnknownFeatures)}");
        }
    }
}

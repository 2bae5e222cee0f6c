using System.Globalization;
using Monitor.Grains.Drift;

namespace Monitor.Grains.Reports;

/// <summary>
/// A feature distribution (GET .../drift/features/{feature}/distribution) as the report plots it: each side's
/// counts as shares of its own present values, so samples of unequal sizes draw on one scale.
/// </summary>
public static class DistributionPlots
{
    /// <summary>Features plotted per version, in reference order; the drift table lists them all.</summary>
    public const int MaxFeatures = 20;

    public static FeatureDistributionPlot? From(FeatureDistribution distribution)
    {
        if (distribution.Histogram is { } histogram)
        {
            var labels = new List<string>(histogram.ReferenceCounts.Length);
            for (var i = 0; i < histogram.ReferenceCounts.Length; i++)
            {
                labels.Add(histogram.WholeNumberBins ? Edge(histogram.Edges[i]) : $"{Edge(histogram.Edges[i])}–{Edge(histogram.Edges[i + 1])}");
            }

            return new FeatureDistributionPlot
            {
                Feature = distribution.Feature,
                Kind = "numeric",
                Labels = labels,
                Reference = Shares(histogram.ReferenceCounts, distribution.Reference.Size),
                Current = Shares(histogram.CurrentCounts, distribution.Current.Size),
            };
        }

        if (distribution.Categories is { } categories)
        {
            var labels = categories.Select(c => c.InReference ? c.Value : c.Value + " (new)").ToList();
            var reference = categories.Select(c => c.Reference).ToList();
            var current = categories.Select(c => c.Current).ToList();
            if (distribution.Other is { } other)
            {
                labels.Add($"other ({other.Categories})");
                reference.Add(other.Reference);
                current.Add(other.Current);
            }

            return new FeatureDistributionPlot
            {
                Feature = distribution.Feature,
                Kind = "categorical",
                Labels = labels,
                Reference = Shares([.. reference], distribution.Reference.Size),
                Current = Shares([.. current], distribution.Current.Size),
            };
        }

        return null;
    }

    private static double[] Shares(long[] counts, int size) => [.. counts.Select(c => size > 0 ? (double)c / size : 0)];

    private static string Edge(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

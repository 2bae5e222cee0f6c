using System.Globalization;

namespace Monitor.Grains.Drift;

/// <summary>
/// Why a drift alert fires, in words: the drifted features of the latest report, most significant first (by
/// adjusted p-value; distance verdicts after them, by how far past their threshold), at most <see cref="Top"/>.
/// Given as the alert's <c>drifted_features</c> (names) and <c>drifted_features_detail</c> (test and figure) annotations.
/// </summary>
public static class DriftedFeatureAnnotations
{
    public const int Top = 5;
    public const string Names = "drifted_features";
    public const string Detail = "drifted_features_detail";

    /// <param name="features">The report's features (or outputs).</param>
    /// <param name="only">A feature a per-feature rule names; null for all.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(IReadOnlyList<FeatureDrift> features, string? only)
    {
        var drifted = features
            .Where(f => f.Verdict is { Drifted: true } && (only is null || f.Name == only))
            .OrderBy(f => f.Verdict!.AdjustedPValue is null ? 1 : 0)
            .ThenBy(f => f.Verdict!.AdjustedPValue ?? 0)
            .ThenByDescending(f => f.Verdict!.Threshold > 0 ? f.Verdict.Statistic / f.Verdict.Threshold : f.Verdict.Statistic)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        if (drifted.Count == 0)
        {
            return [];
        }

        var shown = drifted.Take(Top).ToList();
        var more = drifted.Count - shown.Count;
        var suffix = more > 0 ? $" and {more} more" : "";
        return
        [
            new(Names, string.Join(", ", shown.Select(f => f.Name)) + suffix),
            new(Detail, string.Join("; ", shown.Select(Describe)) + suffix),
        ];
    }

    private static string Describe(FeatureDrift feature)
    {
        var v = feature.Verdict!;
        return v.AdjustedPValue is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{feature.Name}: {v.Test} adjusted p = {p:G3}")
            : string.Create(CultureInfo.InvariantCulture, $"{feature.Name}: {v.Test} = {v.Statistic:G3} (threshold {v.Threshold:G3})");
    }
}

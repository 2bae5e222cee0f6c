using System.Text.Json;
using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>The snake_case names of drift tests, statuses, kinds and corrections, as the report and <c>monitor drift</c> write them.</summary>
public static class DriftNames
{
    private static readonly string[] Tests = Names<DriftTest>();
    private static readonly string[] Statuses = Names<FeatureDriftStatus>();
    private static readonly string[] Kinds = Names<FeatureKind>();
    private static readonly string[] Corrections = Names<MultipleTestingCorrection>();
    private static readonly string[] KsMethods = Names<KolmogorovSmirnovMethod>();

    public static string Of(DriftTest test) => Tests[(int)test];

    public static string Of(FeatureDriftStatus status) => Statuses[(int)status];

    public static string Of(FeatureKind kind) => Kinds[(int)kind];

    public static string Of(MultipleTestingCorrection correction) => Corrections[(int)correction];

    public static string Of(KolmogorovSmirnovMethod method) => KsMethods[(int)method];

    /// <summary>A name that <see cref="DriftTestExtensions.TryParse"/> reads back as the same test ("wasserstein" alone means the normed one there).</summary>
    public static string Setting(DriftTest test) => test == DriftTest.Wasserstein ? "wasserstein_raw" : Of(test);

    public static bool TryParseCorrection(string? text, out MultipleTestingCorrection correction)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "bonferroni":
                correction = MultipleTestingCorrection.Bonferroni;
                return true;
            case "benjamini_hochberg" or "bh" or "fdr_bh":
                correction = MultipleTestingCorrection.BenjaminiHochberg;
                return true;
            case "none":
                correction = MultipleTestingCorrection.None;
                return true;
            default:
                correction = default;
                return false;
        }
    }

    public static bool TryParseKsMethod(string? text, out KolmogorovSmirnovMethod method)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto":
                method = KolmogorovSmirnovMethod.Auto;
                return true;
            case "exact":
                method = KolmogorovSmirnovMethod.Exact;
                return true;
            case "asymptotic" or "asymp":
                method = KolmogorovSmirnovMethod.Asymptotic;
                return true;
            default:
                method = default;
                return false;
        }
    }

    private static string[] Names<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().OrderBy(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)).Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()))];
}

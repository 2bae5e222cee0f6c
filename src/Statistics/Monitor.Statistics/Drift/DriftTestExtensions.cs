namespace Monitor.Statistics.Drift;

/// <summary>What each test is: whether it yields a p-value and which feature kinds it applies to.</summary>
public static class DriftTestExtensions
{
    public static bool HasPValue(this DriftTest test) =>
        test is DriftTest.KolmogorovSmirnov or DriftTest.CramerVonMises or DriftTest.ChiSquared;

    public static bool AppliesTo(this DriftTest test, FeatureKind kind) => kind switch
    {
        FeatureKind.Numeric => test is not DriftTest.ChiSquared,
        FeatureKind.Categorical => test is DriftTest.ChiSquared or DriftTest.Psi or DriftTest.JensenShannon,
        _ => false,
    };

    /// <summary>Parses the short names used on the command line and in configuration (ks, cvm, chi2, psi, wasserstein, js).</summary>
    public static bool TryParse(string? text, out DriftTest test)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "ks" or "kolmogorov_smirnov" or "kolmogorovsmirnov":
                test = DriftTest.KolmogorovSmirnov;
                return true;
            case "cvm" or "cramer_von_mises" or "cramervonmises":
                test = DriftTest.CramerVonMises;
                return true;
            case "chi2" or "chi_squared" or "chisquared":
                test = DriftTest.ChiSquared;
                return true;
            case "psi":
                test = DriftTest.Psi;
                return true;
            case "wasserstein" or "wasserstein_normed" or "wassersteinnormed":
                test = DriftTest.WassersteinNormed;
                return true;
            case "wasserstein_raw":
                test = DriftTest.Wasserstein;
                return true;
            case "js" or "jensen_shannon" or "jensenshannon":
                test = DriftTest.JensenShannon;
                return true;
            default:
                test = default;
                return false;
        }
    }
}

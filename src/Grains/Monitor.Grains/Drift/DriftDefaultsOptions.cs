namespace Monitor.Grains.Drift;

/// <summary>
/// Installation-wide drift settings (configuration section <c>Monitor:Drift:Defaults</c>): the same settings as
/// a version's <c>PUT .../drift/settings</c>, in force for every version that has none of its own and filling
/// the fields a version's settings leave out. Checked at start-up like a version's settings.
/// </summary>
public sealed class DriftDefaultsOptions
{
    public double Alpha { get; set; } = 0.05;

    public string Correction { get; set; } = "bonferroni";

    public int MinimumSampleSize { get; set; } = 30;

    public string? NumericTest { get; set; }

    public string? CategoricalTest { get; set; }

    public double PsiThreshold { get; set; } = 0.1;

    public double JensenShannonThreshold { get; set; } = 0.1;

    public double WassersteinThreshold { get; set; } = 0.1;

    public string KsMethod { get; set; } = "auto";

    /// <summary>Multivariate drift (<c>Monitor:Drift:Defaults:Multivariate:*</c>).</summary>
    public MultivariateDefaultsOptions Multivariate { get; set; } = new();

    /// <summary>The defaults as version settings (canonical names); throws naming the problems when they are unusable.</summary>
    public DriftSettings ToSettings() =>
        Problem() is { } problem ? throw new InvalidOperationException(problem) : DriftSettingsRules.Canonical(Raw());

    /// <summary>What makes the defaults unusable, every field named, or null.</summary>
    public string? Problem()
    {
        var problems = DriftSettingsRules.Check(Raw(), null);
        return problems.Count == 0 ? null
            : "Monitor:Drift:Defaults is invalid: " + string.Join("; ", problems.Select(p => $"{p.Field} {p.Reason}"));
    }

    private DriftSettings Raw() => new()
    {
        Alpha = Alpha,
        Correction = Correction,
        MinimumSampleSize = MinimumSampleSize,
        NumericTest = string.IsNullOrWhiteSpace(NumericTest) ? null : NumericTest,
        CategoricalTest = string.IsNullOrWhiteSpace(CategoricalTest) ? null : CategoricalTest,
        PsiThreshold = PsiThreshold,
        JensenShannonThreshold = JensenShannonThreshold,
        WassersteinThreshold = WassersteinThreshold,
        KsMethod = KsMethod,
        Multivariate = Multivariate.ToSettings(),
    };
}

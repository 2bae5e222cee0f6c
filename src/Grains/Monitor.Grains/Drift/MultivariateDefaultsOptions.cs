namespace Monitor.Grains.Drift;

/// <summary>
/// The installation's multivariate drift settings (configuration section <c>Monitor:Drift:Defaults:Multivariate</c>),
/// the <c>multivariate</c> object of a version's drift settings: in force for versions without settings of their own
/// and filling the fields a version's <c>multivariate</c> object leaves out.
/// </summary>
public sealed class MultivariateDefaultsOptions
{
    public bool Enabled { get; set; } = MultivariateDriftSettings.Default.Enabled;

    public double VarianceToKeep { get; set; } = MultivariateDriftSettings.Default.VarianceToKeep;

    public int ReferenceChunks { get; set; } = MultivariateDriftSettings.Default.ReferenceChunks;

    public double LowerStandardDeviations { get; set; } = MultivariateDriftSettings.Default.LowerStandardDeviations;

    public double UpperStandardDeviations { get; set; } = MultivariateDriftSettings.Default.UpperStandardDeviations;

    public MultivariateDriftSettings ToSettings() => new()
    {
        Enabled = Enabled,
        VarianceToKeep = VarianceToKeep,
        ReferenceChunks = ReferenceChunks,
        LowerStandardDeviations = LowerStandardDeviations,
        UpperStandardDeviations = UpperStandardDeviations,
    };
}

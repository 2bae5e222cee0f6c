namespace Monitor.Cli.Simulation;

/// <summary>
/// Ground truth and business events to send after the predictions: labels after a delay with a chosen
/// accuracy, and clicks, conversions and revenue at chosen rates, each per version when asked.
/// </summary>
public sealed record OutcomePlan
{
    public bool SendLabels { get; init; }

    public TimeSpan LabelDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of successful predictions that receive a label.</summary>
    public double LabelShare { get; init; } = 1;

    /// <summary>Labels name the version too; otherwise only model and id (Monitor finds the version).</summary>
    public bool LabelsNameVersion { get; init; }

    public VersionRates Accuracy { get; init; } = new(0.9);

    public VersionRates ClickRate { get; init; } = new(0);

    public VersionRates ConversionRate { get; init; } = new(0);

    public VersionRates RevenueRate { get; init; } = new(0);

    public double RevenueMean { get; init; } = 25;

    public TimeSpan EventDelay { get; init; } = TimeSpan.FromSeconds(1);

    public bool SendsEvents => ClickRate.Any || ConversionRate.Any || RevenueRate.Any;

    public bool SendsAnything => SendLabels || SendsEvents;
}

/// <summary>A rate for every version, with overrides for some ("model/version=rate").</summary>
public sealed record VersionRates(double Default)
{
    public IReadOnlyDictionary<string, double> ByVersion { get; init; } = new Dictionary<string, double>();

    public bool Any => Default > 0 || ByVersion.Values.Any(v => v > 0);

    public double For(string model, string version) => ByVersion.TryGetValue($"{model}/{version}", out var rate) ? rate : Default;
}

using Monitor.Grains.Drift;

namespace Monitor.Grains.RuleInputs;

/// <summary>The multivariate drift figures rules read from the latest report; NaN (no value) without a verdict.</summary>
public static class MultivariateFigures
{
    public static IReadOnlyList<string> Names { get; } = [DriftMetricNames.MultivariateDriftDetected, DriftMetricNames.MultivariateReconstructionError];

    public static VersionMetricValue Of(string metric, MultivariateDrift? section)
    {
        if (section is not { Drifted: { } drifted })
        {
            return new(double.NaN, section?.WindowRows ?? 0);
        }

        return metric == DriftMetricNames.MultivariateDriftDetected
            ? new(drifted ? 1 : 0, section.WindowRows)
            : new(section.ReconstructionError ?? double.NaN, section.WindowRows);
    }
}

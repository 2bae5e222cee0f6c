using System.Text.Json.Serialization;
using Monitor.Grains.Drift;

namespace Monitor.Gateway.Api;

/// <summary>The <c>multivariate</c> object of PUT .../drift/settings: every field optional, unknown fields refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MultivariateSettingsDocument
{
    // Properties, not constructor parameters: the strict reader takes constructor parameters as required.
    public bool? Enabled { get; init; }
    public double? VarianceToKeep { get; init; }
    public int? ReferenceChunks { get; init; }
    public double? LowerStandardDeviations { get; init; }
    public double? UpperStandardDeviations { get; init; }

    /// <summary>The settings, with the fields left out taken from <paramref name="defaults"/>.</summary>
    public MultivariateDriftSettings ToSettings(MultivariateDriftSettings? defaults)
    {
        defaults ??= MultivariateDriftSettings.Default;
        return new MultivariateDriftSettings
        {
            Enabled = Enabled ?? defaults.Enabled,
            VarianceToKeep = VarianceToKeep ?? defaults.VarianceToKeep,
            ReferenceChunks = ReferenceChunks ?? defaults.ReferenceChunks,
            LowerStandardDeviations = LowerStandardDeviations ?? defaults.LowerStandardDeviations,
            UpperStandardDeviations = UpperStandardDeviations ?? defaults.UpperStandardDeviations,
        };
    }
}

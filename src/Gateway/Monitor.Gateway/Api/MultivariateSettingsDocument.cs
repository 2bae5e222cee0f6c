using System.Text.Json.Serialization;
using Monitor.Grains.Drift;

namespace Monitor.Gateway.Api;

/// <summary>The <c>multivariate</c> object of PUT .../drift/settings: every field optional, unknown fields refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MultivariateSettingsDocument(
    bool? Enabled,
    double? VarianceToKeep,
    int? ReferenceChunks,
    double? LowerStandardDeviations,
    double? UpperStandardDeviations)
{
    public const string Names = "enabled, variance_to_keep, reference_chunks, lower_standard_deviations, upper_standard_deviations";

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

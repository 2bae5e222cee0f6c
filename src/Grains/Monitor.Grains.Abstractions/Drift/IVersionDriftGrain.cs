namespace Monitor.Grains.Drift;

/// <summary>
/// Drift and data quality of one model version (key "model/version"): its reference, drift reports on
/// its feature window, the drift history its timer records, and its drift settings.
/// </summary>
[Alias("monitor.IVersionDriftGrain")]
public interface IVersionDriftGrain : IGrainWithStringKey
{
    /// <summary>Replaces the reference (and cancels a capture under way); refused with reasons when invalid.</summary>
    [Alias("SetReference")]
    Task<ReferenceChange> SetReference(ReferenceData reference);

    /// <summary>Starts taking the next records as the reference; the current reference stays until the capture completes.</summary>
    [Alias("CaptureReference")]
    Task<ReferenceChange> CaptureReference(CaptureRequest request);

    /// <summary>Removes the reference and any capture; answers what was removed (null when there was neither).</summary>
    [Alias("DeleteReference")]
    Task<ReferenceDescription?> DeleteReference();

    /// <summary>The reference's schema and summary, with capture progress; null when there is neither.</summary>
    [Alias("GetReference")]
    Task<ReferenceDescription?> GetReference();

    /// <summary>The reference as it was given (to copy it to another version); null when there is none.</summary>
    [Alias("GetReferenceData")]
    Task<ReferenceData?> GetReferenceData();

    /// <summary>Evaluates the feature window against the reference now; null when there is no reference.</summary>
    [Alias("EvaluateDrift")]
    Task<VersionDriftReport?> EvaluateDrift();

    /// <summary>One feature's reference and current-window distributions, to draw one over the other.</summary>
    [Alias("GetFeatureDistribution")]
    Task<FeatureDistributionLookup> GetFeatureDistribution(DistributionQuery query);

    [Alias("GetDriftHistory")]
    Task<DriftHistory> GetDriftHistory(int minutes);

    [Alias("GetDriftSettings")]
    Task<DriftSettings> GetDriftSettings();

    [Alias("SetDriftSettings")]
    Task<DriftSettingsChange> SetDriftSettings(DriftSettings settings);

    /// <summary>Counts records of this version refused at ingest for a NaN or infinite value.</summary>
    [Alias("CountNonFiniteRefused")]
    Task CountNonFiniteRefused(int records);
}

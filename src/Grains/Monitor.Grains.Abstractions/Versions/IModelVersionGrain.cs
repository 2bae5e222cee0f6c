using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;

namespace Monitor.Grains.Versions;

/// <summary>
/// One model version (key "model/version"): its windows, metric state and everything computed from
/// them. All telemetry of the version flows through it.
/// </summary>
[Alias("monitor.IModelVersionGrain")]
public interface IModelVersionGrain : IGrainWithStringKey, IVersionDriftGrain
{
    /// <summary>
    /// Applies accepted records, in order: the batches of one or more requests. Returns once they are in
    /// the version's windows.
    /// </summary>
    [Alias("Ingest")]
    Task Ingest(PredictionBatch[] batches);

    [Alias("GetSummary")]
    Task<VersionSummary> GetSummary(int minutes);

    [Alias("GetTimeSeries")]
    Task<VersionTimeSeries> GetTimeSeries(int minutes, int stepSeconds);

    [Alias("GetRecords")]
    Task<RecordSlice[]> GetRecords(RecordQuery query);

    [Alias("GetHealth")]
    Task<VersionHealth> GetHealth();
}

using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Segments;

namespace Monitor.Grains.Versions;

/// <summary>
/// One model version (key "model/version"): its windows, metric state and everything computed from
/// them. All telemetry of the version flows through it.
/// </summary>
[Alias("monitor.IModelVersionGrain")]
public interface IModelVersionGrain : IVersionAlertingGrain, IVersionDriftGrain, IVersionOutcomesGrain, IVersionSegmentsGrain
{
    /// <summary>
    /// Applies accepted records, in order: the batches of one or more requests. Returns once they are in
    /// the version's windows.
    /// </summary>
    [Alias("Ingest")]
    Task Ingest(PredictionBatch[] batches);

    /// <summary>
    /// As <see cref="Ingest(PredictionBatch[])"/>, once per token: a call whose token this version
    /// has already applied returns without applying it again (a gateway retrying after a failover).
    /// Throws <see cref="CheckpointOverdueException"/> while the version cannot checkpoint.
    /// </summary>
    [Alias("IngestOnce")]
    Task Ingest(PredictionBatch[] batches, IngestToken token);

    [Alias("GetSummary")]
    Task<VersionSummary> GetSummary(int minutes);

    [Alias("GetTimeSeries")]
    Task<VersionTimeSeries> GetTimeSeries(int minutes, int stepSeconds);

    [Alias("GetRecords")]
    Task<RecordSlice[]> GetRecords(RecordQuery query);

    [Alias("GetHealth")]
    Task<VersionHealth> GetHealth();

    /// <summary>
    /// Wakes the version after a restart (see <see cref="IResumeListGrain"/>): its timers and rule evaluations
    /// run again and its series are exported at once, without waiting for new records.
    /// </summary>
    [Alias("Resume")]
    Task Resume();
}

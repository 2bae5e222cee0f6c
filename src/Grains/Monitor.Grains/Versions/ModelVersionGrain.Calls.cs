using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;

namespace Monitor.Grains.Versions;

/// <summary>The version's grain calls, each answered by the part that owns it (or by two parts together).</summary>
public sealed partial class ModelVersionGrain
{
    public Task<VersionSummary> GetSummary(int minutes) =>
        Task.FromResult(_parts.Windows.Summarize(minutes) with { Outcomes = _parts.Outcomes.Summarize(minutes) });

    public Task<VersionTimeSeries> GetTimeSeries(int minutes, int stepSeconds) => Task.FromResult(
        _parts.Windows.Window.TimeSeries(_model, _version, minutes, stepSeconds, NowMs, _parts.Outcomes.IsBinary, _parts.Outcomes.Calibration));

    public Task<RecordSlice[]> GetRecords(RecordQuery query) => Task.FromResult(_parts.Windows.Records(query));

    public Task<VersionHealth> GetHealth() => Task.FromResult(_parts.Windows.Health() with { Drift = _parts.Drift.LatestVerdict() });

    public Task Resume()
    {
        // Series now rather than at the first turn of the drift and outcome timers.
        _parts.Drift.Current();
        _parts.Outcomes.RefreshSeries();
        return Task.CompletedTask;
    }

    public Task<ReferenceChange> SetReference(ReferenceData data) => _parts.Drift.SetReference(data);

    public Task<ReferenceChange> CaptureReference(CaptureRequest request) => _parts.Drift.CaptureReference(request);

    public Task<ReferenceDescription?> DeleteReference() => _parts.Drift.DeleteReference();

    public Task<ReferenceDescription?> GetReference() => Task.FromResult(_parts.Drift.DescribeReference());

    public Task<ReferenceData?> GetReferenceData() => Task.FromResult(_parts.Drift.ReferenceData);

    public Task<VersionDriftReport?> EvaluateDrift() => Task.FromResult(_parts.Drift.Evaluate());

    public Task<FeatureDistributionLookup> GetFeatureDistribution(DistributionQuery query) =>
        Task.FromResult(_parts.Drift.Distribution(query));

    public Task<DriftHistory> GetDriftHistory(int minutes) => Task.FromResult(_parts.Drift.History(minutes));

    public Task<DriftSettings> GetDriftSettings() => Task.FromResult(_parts.Drift.Settings);

    public Task<DriftSettingsChange> SetDriftSettings(DriftSettings settings) => _parts.Drift.SetSettings(settings);

    public Task CountNonFiniteRefused(int records)
    {
        _parts.Drift.CountNonFiniteRefused(records);
        return Task.CompletedTask;
    }

    public Task<RuleState[]> GetRuleStates() => Task.FromResult(_parts.Alerting.RuleStates());

    public Task<string[]> GetHeldAlerts() => Task.FromResult(_parts.Alerting.Held());

    public Task<LabelJoinCounts> JoinLabels(LabelBatch labels) => Task.FromResult(_parts.Outcomes.JoinLabels(labels));

    public Task<JoinMatch[]> MatchLabels(LabelBatch labels) => Task.FromResult(_parts.Outcomes.MatchLabels(labels));

    public Task<EventJoinCounts> RecordEvents(EventBatch events) => Task.FromResult(_parts.Outcomes.RecordEvents(events));

    public Task<JoinMatch[]> MatchEvents(EventBatch events) => Task.FromResult(_parts.Outcomes.MatchEvents(events));

    public Task<VersionSample> GetSample(int minutes) =>
        Task.FromResult(_parts.Outcomes.Sample(minutes) with { Drift = ComparisonDrift.Verdict(_parts.Drift.Evaluate()) });
}

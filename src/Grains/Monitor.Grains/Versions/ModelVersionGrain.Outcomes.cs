using Microsoft.Extensions.Logging;
using Monitor.Grains.Ingest;
using Monitor.Grains.Metrics;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Versions;

/// <summary>
/// Labels and business events of the version: predictions with an id go into the join index on
/// ingest; labels and events join against it; pending labels are retried, expired predictions swept
/// and the outcome gauges refreshed on a timer; the index is checkpointed on its own interval.
/// </summary>
public sealed partial class ModelVersionGrain
{
    private VersionOutcomes _outcomes = null!;
    private VersionOutcomeSeries _outcomeSeries = null!;
    private bool _indexDirty;
    private long _indexCheckpointDueMs;

    public Task<LabelJoinCounts> JoinLabels(LabelBatch labels)
    {
        var counts = _outcomes.JoinLabels(labels, NowMs);
        OutcomesChanged();
        return Task.FromResult(counts);
    }

    public Task<JoinMatch[]> MatchLabels(LabelBatch labels)
    {
        var matches = _outcomes.MatchLabels(labels, NowMs);
        OutcomesChanged();
        return Task.FromResult(matches);
    }

    public Task<EventJoinCounts> RecordEvents(EventBatch events)
    {
        var counts = _outcomes.RecordEvents(events, NowMs);
        OutcomesChanged();
        return Task.FromResult(counts);
    }

    public Task<JoinMatch[]> MatchEvents(EventBatch events)
    {
        var matches = _outcomes.MatchEvents(events, NowMs);
        OutcomesChanged();
        return Task.FromResult(matches);
    }

    public Task<VersionSample> GetSample(int minutes) => Task.FromResult(VersionSampler.Sample(_version, _outcomes, minutes, NowMs));

    private void ActivateOutcomes()
    {
        var settings = outcomeOptions.Value;
        var ledger = state.State.Outcomes ??= new OutcomeLedger(settings);
        var index = joins.State.Index ??= new PredictionIndex(settings.MaxIndexedPredictions, settings.Horizon);
        _outcomes = new VersionOutcomes(_window, ledger, index, settings);
        _outcomeSeries = new VersionOutcomeSeries(_model, _version, _outcomes);
        _metrics.Add(new OutcomeMetrics(() => _outcomes));
        _indexCheckpointDueMs = NowMs + (long)settings.IndexCheckpointInterval.TotalMilliseconds;
        var refresh = settings.RefreshInterval;
        this.RegisterGrainTimer(RefreshOutcomes, new GrainTimerCreationOptions(refresh, refresh) { Interleave = false });
    }

    private void IndexPredictions(PredictionBatch batch)
    {
        _indexDirty |= _outcomes.IndexPredictions(batch);
    }

    private OutcomeSummary? SummarizeOutcomes(int minutes, long nowMs)
    {
        var (fromMs, toMs) = _window.Period(minutes, nowMs);
        return OutcomeSummarizer.Summarize(_outcomes, fromMs, toMs, nowMs);
    }

    private void OutcomesChanged()
    {
        _dirty = true;
        _indexDirty = true;
    }

    private async Task RefreshOutcomes(CancellationToken cancellationToken)
    {
        var now = NowMs;
        var resolved = _outcomes.RetryPending(now);
        var swept = _outcomes.Sweep(now);
        if (resolved.Total > 0)
        {
            OutcomesChanged();
        }

        _indexDirty |= swept > 0;
        _outcomeSeries.Refresh(_outcomes, outcomeOptions.Value.MetricsWindow, now);
        if (_indexDirty && now >= _indexCheckpointDueMs)
        {
            await CheckpointIndex(cancellationToken);
        }
    }

    private async Task DeactivateOutcomes(CancellationToken cancellationToken)
    {
        _outcomeSeries.Remove();
        if (_indexDirty)
        {
            await CheckpointIndex(cancellationToken);
        }
    }

    private async Task CheckpointIndex(CancellationToken cancellationToken)
    {
        // The ledger holds the class ids the index refers to: it is stored first, so a stored index
        // never names a class its stored ledger lacks.
        await Checkpoint(cancellationToken);
        _indexDirty = false;
        _indexCheckpointDueMs = NowMs + (long)outcomeOptions.Value.IndexCheckpointInterval.TotalMilliseconds;
        try
        {
            await joins.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _indexDirty = true;
            LogIndexCheckpointFailed(logger, ex, _model, _version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the join index of {Model}/{Version} failed; it will be retried")]
    private static partial void LogIndexCheckpointFailed(ILogger logger, Exception exception, string model, string version);
}

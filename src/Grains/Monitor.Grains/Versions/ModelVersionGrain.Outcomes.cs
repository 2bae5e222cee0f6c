using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Grains.Ingest;
using Monitor.Grains.Metrics;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Grains.Windows.Checkpoints;
using Orleans.Storage;

namespace Monitor.Grains.Versions;

/// <summary>
/// Labels and business events of the version: predictions with an id go into the join index on
/// ingest; labels and events join against it; pending labels are retried, expired predictions swept
/// and the outcome gauges refreshed on a timer; the index is checkpointed on its own interval, written
/// in the background from a snapshot so the version keeps taking records meanwhile.
/// </summary>
public sealed partial class ModelVersionGrain
{
    private const string IndexStateName = "joins";

    private readonly GrainState<JoinIndexState> _indexState = new(new JoinIndexState());
    private IGrainStorage _indexStorage = null!;
    private VersionOutcomes _outcomes = null!;
    private VersionOutcomeSeries _outcomeSeries = null!;
    private bool _indexDirty;
    private long _indexCheckpointDueMs;
    private Task _indexWrite = Task.CompletedTask;
    private int _indexWriteFailed;

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

    public Task<VersionSample> GetSample(int minutes)
    {
        var sample = VersionSampler.Sample(_version, _outcomes, minutes, NowMs);
        return Task.FromResult(sample with { Drift = ComparisonDrift.Verdict(_drift.Reference is null ? null : EvaluateNow()) });
    }

    private async Task ActivateOutcomes(CancellationToken cancellationToken)
    {
        var settings = outcomeOptions.Value;
        var ledger = await OutcomePages.LoadAsync(_checkpoints, settings, NowMs);
        _indexStorage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(MonitorStorage.Name);
        await _indexStorage.ReadStateAsync(IndexStateName, this.GetGrainId(), _indexState);
        var index = RestoreIndex(_indexState.State?.Index) ?? new PredictionIndex(settings.MaxIndexedPredictions, settings.Horizon);
        _indexState.State = new JoinIndexState();
        index.AttachBudget(joinIndexBudget);
        _outcomes = new VersionOutcomes(_window, ledger, index, settings);
        _outcomeSeries = new VersionOutcomeSeries(_model, _version, _outcomes);
        _metrics.Add(new OutcomeMetrics(() => _outcomes));
        _indexCheckpointDueMs = NowMs + (long)settings.IndexCheckpointInterval.TotalMilliseconds;
        var refresh = settings.RefreshInterval;
        this.RegisterGrainTimer(RefreshOutcomes, new GrainTimerCreationOptions(refresh, refresh) { Interleave = false });
    }

    /// <summary>Part of the checkpoint: the outcome ledger is in its core, the changed pages of waiting labels and revenue go with it.</summary>
    private void WriteOutcomes(CheckpointWrites writes) => OutcomePages.Write(writes, _outcomes.Ledger);

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
        MarkTraffic(NowMs);
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

        _indexDirty |= swept > 0 || Interlocked.Exchange(ref _indexWriteFailed, 0) == 1;
        _outcomeSeries.Refresh(_outcomes, outcomeOptions.Value.MetricsWindow, now);
        if (_indexDirty && now >= _indexCheckpointDueMs)
        {
            await CheckpointIndex(cancellationToken);
        }
    }

    private async Task DeactivateOutcomes(CancellationToken cancellationToken)
    {
        _outcomeSeries.Remove();
        await _indexWrite;
        if (_indexDirty || Interlocked.Exchange(ref _indexWriteFailed, 0) == 1)
        {
            // The last write is awaited: deactivation must not lose what the version holds. As in the background
            // snapshots, the index is stored only after the ledger it refers to is committed.
            await Checkpoint(cancellationToken);
            if (_dirty)
            {
                return;
            }

            _indexState.State = new JoinIndexState { Index = _outcomes.Index.Snapshot() };
            try
            {
                await _indexStorage.WriteStateAsync(IndexStateName, this.GetGrainId(), _indexState);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogIndexCheckpointFailed(logger, ex, _model, _version);
            }
            finally
            {
                _indexState.State = new JoinIndexState();
            }
        }
    }

    /// <summary>
    /// Snapshots the index (a block copy, here) and writes the snapshot in the background, so the
    /// version goes on taking records while tens of megabytes reach storage. One write at a time:
    /// while one runs, the next waits for a later tick.
    /// </summary>
    private async Task CheckpointIndex(CancellationToken cancellationToken)
    {
        if (!_indexWrite.IsCompleted)
        {
            return;
        }

        // The ledger holds the class ids the index refers to: it is committed first (in the checkpoint's core),
        // so a stored index never names a class its stored ledger lacks. No snapshot while that fails.
        await Checkpoint(cancellationToken);
        if (_dirty)
        {
            return;
        }

        _indexDirty = false;
        _indexCheckpointDueMs = NowMs + (long)outcomeOptions.Value.IndexCheckpointInterval.TotalMilliseconds;
        var state = _indexState;
        var storage = _indexStorage;
        var grainId = this.GetGrainId();
        state.State = new JoinIndexState { Index = _outcomes.Index.Snapshot() };
        _indexWrite = Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync(IndexStateName, grainId, state);
            }
            catch (Exception ex)
            {
                Interlocked.Exchange(ref _indexWriteFailed, 1);
                LogIndexCheckpointFailed(logger, ex, _model, _version);
            }
            finally
            {
                state.State = new JoinIndexState();
            }
        }, CancellationToken.None);
    }

    private PredictionIndex? RestoreIndex(PredictionIndexSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return null;
        }

        try
        {
            return PredictionIndex.Restore(snapshot);
        }
        catch (InvalidOperationException ex)
        {
            // A snapshot this build cannot read: start empty (labels for those predictions then count as unknown ids).
            LogIndexUnreadable(logger, ex, _model, _version);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the join index of {Model}/{Version} failed; it will be retried")]
    private static partial void LogIndexCheckpointFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored join index of {Model}/{Version} cannot be read by this build; the version starts with an empty one")]
    private static partial void LogIndexUnreadable(ILogger logger, Exception exception, string model, string version);
}

using Microsoft.Extensions.Logging;
using Monitor.Grains.Outcomes.Budget;
using Monitor.Grains.Versions.Parts;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Stores the join index (state "joins") on its own interval, from a snapshot written in the background so the
/// version keeps taking records meanwhile, and once more, awaited, on deactivation. The index is stored only after
/// a checkpoint has committed the ledger it refers to, so a stored index never names a class its ledger lacks.
/// </summary>
public sealed partial class JoinIndexCheckpoint(VersionPartContext context, OutcomeOptions options, ILogger logger)
{
    private const string StateName = "joins";

    private readonly PartState<JoinIndexState> _state = context.State<JoinIndexState>(StateName);
    private bool _dirty;
    private long _dueMs;
    private Task _write = Task.CompletedTask;
    private int _failed;

    /// <summary>The stored index, or an empty one; either takes its share of the silo's memory budget.</summary>
    public async Task<PredictionIndex> ReadAsync(JoinIndexBudget budget)
    {
        await _state.ReadAsync();
        var index = Restore(_state.Value.Index) ?? new PredictionIndex(options.MaxIndexedPredictions, options.Horizon);
        _state.Value = new JoinIndexState();
        index.AttachBudget(budget);
        _dueMs = context.NowMs + (long)options.IndexCheckpointInterval.TotalMilliseconds;
        return index;
    }

    public void Changed(bool changed) => _dirty |= changed;

    /// <summary>
    /// Snapshots the index (a block copy) and writes the snapshot in the background once the interval is over. One
    /// write at a time: while one runs, the next waits for a later tick.
    /// </summary>
    public async Task WriteWhenDueAsync(PredictionIndex index, CancellationToken cancellationToken)
    {
        _dirty |= Interlocked.Exchange(ref _failed, 0) == 1;
        if (!_dirty || context.NowMs < _dueMs || !_write.IsCompleted)
        {
            return;
        }

        // No snapshot while the ledger cannot be committed.
        if (!await context.Host.CheckpointAsync(cancellationToken))
        {
            return;
        }

        _dirty = false;
        _dueMs = context.NowMs + (long)options.IndexCheckpointInterval.TotalMilliseconds;
        _state.Value = new JoinIndexState { Index = index.Snapshot() };

        // The one write off the grain's scheduler: it touches only the snapshot and this state, never the grain.
        _write = Task.Run(async () =>
        {
            try
            {
                await _state.WriteAsync();
            }
            catch (Exception ex)
            {
                Interlocked.Exchange(ref _failed, 1);
                LogIndexCheckpointFailed(logger, ex, context.Model, context.Version);
            }
            finally
            {
                _state.Value = new JoinIndexState();
            }
        }, CancellationToken.None);
    }

    /// <summary>On deactivation: the last write is awaited, so deactivation does not lose what the version holds.</summary>
    public async Task FinalWriteAsync(PredictionIndex index, CancellationToken cancellationToken)
    {
        await _write;
        if (!_dirty && Interlocked.Exchange(ref _failed, 0) == 0)
        {
            return;
        }

        if (!await context.Host.CheckpointAsync(cancellationToken))
        {
            return;
        }

        _state.Value = new JoinIndexState { Index = index.Snapshot() };
        try
        {
            await _state.WriteAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogIndexCheckpointFailed(logger, ex, context.Model, context.Version);
        }
        finally
        {
            _state.Value = new JoinIndexState();
        }
    }

    private PredictionIndex? Restore(PredictionIndexSnapshot? snapshot)
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
            LogIndexUnreadable(logger, ex, context.Model, context.Version);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the join index of {Model}/{Version} failed; it will be retried")]
    private static partial void LogIndexCheckpointFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored join index of {Model}/{Version} cannot be read by this build; the version starts with an empty one")]
    private static partial void LogIndexUnreadable(ILogger logger, Exception exception, string model, string version);
}

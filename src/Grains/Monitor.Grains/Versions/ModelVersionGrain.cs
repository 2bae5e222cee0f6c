using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Ingest;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Versions.Migration;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;
using Orleans.Placement;
using Orleans.Storage;

namespace Monitor.Grains.Versions;

/// <summary>
/// One model version: a host of the parts it is composed of (<see cref="VersionParts"/>). It applies records to
/// every part, checkpoints them on a timer and on deactivation rather than per record, so storage never sits on the
/// ingest path, deduplicates retried calls, and answers queries from the parts (<c>ModelVersionGrain.Calls.cs</c>).
/// </summary>
/// <remarks>
/// A checkpoint writes only the pages each part changed since the last one and commits them with one core row
/// (<see cref="CheckpointStore"/>), so storage always holds one whole checkpoint. The most a crash of this version's
/// silo can lose is what was applied since its last checkpoint: one interval (plus the write itself); nothing is
/// counted twice. While checkpoints fail (storage unreachable) the version refuses tokened ingest once its last
/// checkpoint is two intervals old, so that bound holds then too.
/// <para>
/// Placement: a new version goes to a silo chosen at random among the active ones, so versions
/// spread evenly over the silos (a newly added silo takes its share at once). Orleans' default
/// (resource-optimized) and activation-count placements decide from load statistics that silos
/// publish every few seconds; measured on a fresh three-silo cluster they put 2/9/19 and 15/0/15 of
/// 30 new versions on the silos.
/// </para>
/// </remarks>
[RandomPlacement]
public sealed partial class ModelVersionGrain(
    IOptions<VersionWindowOptions> options,
    IOptions<ResumeOptions> resumeOptions,
    TimeProvider time,
    ILogger<ModelVersionGrain> logger) : Grain, IModelVersionGrain, IVersionHost
{
    // Gateways not heard from for this long are forgotten. Not sooner: a gateway's ingest log is replayed against
    // these marks when it starts again, and a forgotten gateway's calls would be applied twice. Its log holds a call
    // only until the version has checkpointed past it (seconds while it runs), so this bounds how long a gateway may
    // stay stopped with calls in its log; the marks of gateways gone for good cost a few bytes each meanwhile.
    private static readonly TimeSpan SenderMemory = TimeSpan.FromDays(35);

    private readonly VersionParts _parts = new();
    private readonly List<IVersionMetrics> _metrics = [];
    private CheckpointStore _checkpoints = null!;
    private ResumeReporter _resume = null!;
    private string _model = string.Empty;
    private string _version = string.Empty;
    private bool _dirty;
    private long _persistedMs;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    // The last call applied from each gateway: part of the checkpoint's core, so it always matches the stored records.
    private Dictionary<string, IngestMark> Senders => _checkpoints.Core.Senders;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_model, _version) = VersionKey.Parse(this.GetPrimaryKeyString());
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(MonitorStorage.Name);
        var grainId = this.GetGrainId();
        await LegacyVersionState.UpgradeAsync(storage, grainId);
        _checkpoints = await CheckpointStore.OpenAsync(new GrainWindowStore(storage, grainId));
        RememberCheckpointMarks();
        CheckHandover();
        _resume = new ResumeReporter(_model, _version, GrainFactory, resumeOptions.Value, logger);
        _persistedMs = NowMs;
        var context = new VersionPartContext(_model, _version, grainId, ServiceProvider, GrainFactory, storage, _checkpoints, this);
        StartTimer(CheckpointOnTimer, options.Value.CheckpointInterval);
        foreach (var part in _parts.All)
        {
            await part.ActivateAsync(context, cancellationToken);
            if (part.Metrics is { } metrics)
            {
                _metrics.Add(metrics);
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var part in _parts.All.Reverse())
            {
                await part.DeactivatingAsync(cancellationToken);
            }

            await Checkpoint(cancellationToken);
        }
        finally
        {
            foreach (var part in _parts.All.Reverse())
            {
                await part.DeactivatedAsync(cancellationToken);
            }
        }
    }

    public Task Ingest(PredictionBatch[] batches)
    {
        var now = NowMs;
        foreach (var batch in batches)
        {
            foreach (var part in _parts.All)
            {
                part.Ingest(batch, now);
            }
        }

        _dirty = true;
        _resume.Traffic(now);
        return Task.CompletedTask;
    }

    public async Task Ingest(PredictionBatch[] batches, IngestToken token)
    {
        var now = NowMs;
        if (Senders.TryGetValue(token.Sender, out var mark) && token.Sequence <= mark.Sequence)
        {
            // A retry of a call already applied (its answer was lost in a failover).
            return;
        }

        if (_dirty && now - _persistedMs > 2 * (long)options.Value.CheckpointInterval.TotalMilliseconds)
        {
            await Checkpoint(CancellationToken.None);
            if (_dirty)
            {
                throw new CheckpointOverdueException(
                    $"{_model}/{_version} cannot write its checkpoint (storage unreachable); records are refused until it can");
            }
        }

        await Ingest(batches);
        Senders[token.Sender] = new IngestMark(token.Sequence, now);
    }

    void IVersionHost.Changed() => _dirty = true;

    void IVersionHost.Traffic(long nowMs) => _resume.Traffic(nowMs);

    async Task<bool> IVersionHost.CheckpointAsync(CancellationToken cancellationToken)
    {
        await Checkpoint(cancellationToken);
        return !_dirty;
    }

    Task IVersionHost.ReportResumeAsync() => ReportResumeMark();

    IGrainTimer IVersionHost.RegisterTimer(Func<CancellationToken, Task> tick, TimeSpan interval, bool keepAlive) => StartTimer(tick, interval, keepAlive);

    IReadOnlyList<IVersionMetrics> IVersionHost.Metrics => _metrics;

    private IGrainTimer StartTimer(Func<CancellationToken, Task> tick, TimeSpan interval, bool keepAlive = false) =>
        this.RegisterGrainTimer(tick, new GrainTimerCreationOptions(TimerPhase.FirstDue(this.GetPrimaryKeyString(), interval), interval) { Interleave = false, KeepAlive = keepAlive });

    private Task ReportResumeMark() => _resume.ReportAsync(_parts.Alerting.HasActiveAlerts, _parts.Drift.HasReference);

    private async Task CheckpointOnTimer(CancellationToken cancellationToken)
    {
        await Checkpoint(cancellationToken);
        await ReportResumeMark();
    }

    /// <summary>
    /// Every part's changed pages, then the one core row that commits them all, then what each part writes after
    /// the commit (its own states). A failure leaves the version changed, so the next checkpoint writes it all again.
    /// </summary>
    private async Task Checkpoint(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            _persistedMs = NowMs;
            return;
        }

        _dirty = false;
        try
        {
            ForgetIdleSenders();
            var writes = await _checkpoints.BeginAsync();
            foreach (var part in _parts.All)
            {
                part.Checkpoint(writes);
            }

            await _checkpoints.CommitAsync(writes);
            RememberCheckpointMarks();
            foreach (var part in _parts.All)
            {
                await part.CommittedAsync(cancellationToken);
            }

            _persistedMs = NowMs;
        }
        catch (CheckpointFencedException ex)
        {
            // Another activation writes this version: leave it to that one (ingest is refused here meanwhile).
            _dirty = true;
            LogCheckpointFenced(logger, ex, _model, _version);
            DeactivateOnIdle();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _dirty = true;
            LogCheckpointFailed(logger, ex, _model, _version);
        }
    }

    private void ForgetIdleSenders()
    {
        var oldest = NowMs - (long)SenderMemory.TotalMilliseconds;
        foreach (var (sender, mark) in Senders)
        {
            if (mark.SeenMs < oldest)
            {
                Senders.Remove(sender);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of {Model}/{Version} failed; it will be retried")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checkpoint of {Model}/{Version} refused: another activation writes it; this one deactivates")]
    private static partial void LogCheckpointFenced(ILogger logger, Exception exception, string model, string version);
}

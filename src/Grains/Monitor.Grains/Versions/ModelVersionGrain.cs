using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Metrics;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;
using Monitor.Grains.Windows.Checkpoints;
using Orleans.Placement;
using Orleans.Storage;

namespace Monitor.Grains.Versions;

/// <summary>
/// One model version. Applies records to its windows and answers from them; checkpoints the windows
/// on a timer and on deactivation rather than per record, so storage never sits on the ingest path.
/// </summary>
/// <remarks>
/// A checkpoint writes only what changed since the last one (<see cref="WindowPages"/>, <see cref="DriftPages"/>)
/// and commits it with one core row (<see cref="CheckpointStore"/>), so storage always holds one whole checkpoint.
/// The most a crash of this version's silo can lose is what was applied since its last checkpoint: one interval
/// (plus the write itself); nothing is counted twice. While checkpoints fail (storage unreachable) the version
/// refuses tokened ingest once its last checkpoint is two intervals old, so that bound holds then too.
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
    [PersistentState("version", MonitorStorage.Name)] IPersistentState<VersionState> state,
    [PersistentState("reference", MonitorStorage.Name)] IPersistentState<ReferenceState> reference,
    IOptions<VersionWindowOptions> options,
    IOptions<VersionDriftOptions> driftOptions,
    IOptions<OutcomeOptions> outcomeOptions,
    IOptions<AlertingOptions> alertingOptions,
    IOptions<ResumeOptions> resumeOptions,
    AlertingSnapshotSource alertingSource,
    Outcomes.Budget.JoinIndexBudget joinIndexBudget,
    TimeProvider time,
    ILogger<ModelVersionGrain> logger) : Grain, IModelVersionGrain
{
    private static readonly TimeSpan HealthSpan = TimeSpan.FromMinutes(5);

    // Gateways not heard from for this long are forgotten (their retries end within seconds).
    private static readonly TimeSpan SenderMemory = TimeSpan.FromHours(1);

    private readonly List<IVersionMetrics> _metrics = [];
    private CheckpointStore _checkpoints = null!;
    private VersionWindow _window = null!;
    private string _model = string.Empty;
    private string _version = string.Empty;
    private bool _dirty;
    private long _persistedMs;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_model, _version) = VersionKey.Parse(this.GetPrimaryKeyString());
        var store = new GrainWindowStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(MonitorStorage.Name), this.GetGrainId());
        _checkpoints = await CheckpointStore.OpenAsync(store);
        _window = await WindowPages.LoadAsync(_checkpoints, options.Value);
        _persistedMs = NowMs;
        _metrics.Add(new WindowMetrics(() => _window));
        _metrics.Add(NewTrendMetrics());
        await ActivateOutcomes(cancellationToken);
        var interval = options.Value.CheckpointInterval;
        this.RegisterGrainTimer(CheckpointOnTimer, new GrainTimerCreationOptions(interval, interval) { Interleave = false });
        ActivateAlerting();
        await ActivateDrift();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            DeactivateDrift();
            await Checkpoint(cancellationToken);
            await DeactivateOutcomes(cancellationToken);
        }
        finally
        {
            // Whatever happened to the last writes, the index leaves this silo's memory budget.
            _outcomes?.Index.DetachBudget();
        }
    }

    public Task Ingest(PredictionBatch[] batches)
    {
        var now = NowMs;
        foreach (var batch in batches)
        {
            _window.Apply(batch, now);
            ApplyDrift(batch, now);
            IndexPredictions(batch);
        }

        _dirty = true;
        MarkTraffic(now);
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

    public Task<VersionSummary> GetSummary(int minutes)
    {
        var now = NowMs;
        return Task.FromResult(_window.Summarize(_model, _version, minutes, now) with { Outcomes = SummarizeOutcomes(minutes, now) });
    }

    public Task<VersionTimeSeries> GetTimeSeries(int minutes, int stepSeconds) =>
        Task.FromResult(_window.TimeSeries(_model, _version, minutes, stepSeconds, NowMs, _outcomes.Ledger.Classes.Count == 2, _outcomes.Calibration));

    public Task<RecordSlice[]> GetRecords(RecordQuery query) => Task.FromResult(_window.Records(query));

    public Task<VersionHealth> GetHealth() => Task.FromResult(_window.Health(_version, HealthSpan, NowMs) with { Drift = LatestDriftVerdict() });

    /// <summary>Every source of this version's named figures (for alert rules).</summary>
    internal IReadOnlyList<IVersionMetrics> Metrics => _metrics;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    // The last call applied from each gateway: part of the checkpoint's core, so it always matches the stored records.
    private Dictionary<string, IngestMark> Senders => _checkpoints.Core.Senders;

    private async Task CheckpointOnTimer(CancellationToken cancellationToken)
    {
        await Checkpoint(cancellationToken);
        await ReportResumeMark();
    }

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
            WindowPages.Write(writes, _window);
            WriteDrift(writes);
            WriteOutcomes(writes);
            await _checkpoints.CommitAsync(writes);
            await SaveCommittedDrift();
            await state.WriteStateAsync(cancellationToken);
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

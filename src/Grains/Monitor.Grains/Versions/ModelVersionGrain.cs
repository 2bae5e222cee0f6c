using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Metrics;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Versions;

/// <summary>
/// One model version. Applies records to its windows and answers from them; checkpoints the windows
/// on a timer and on deactivation rather than per record, so storage never sits on the ingest path.
/// </summary>
public sealed partial class ModelVersionGrain(
    [PersistentState("version", MonitorStorage.Name)] IPersistentState<VersionState> state,
    [PersistentState("reference", MonitorStorage.Name)] IPersistentState<ReferenceState> reference,
    IOptions<VersionWindowOptions> options,
    IOptions<VersionDriftOptions> driftOptions,
    TimeProvider time,
    ILogger<ModelVersionGrain> logger) : Grain, IModelVersionGrain
{
    private static readonly TimeSpan HealthSpan = TimeSpan.FromMinutes(5);

    private readonly List<IVersionMetrics> _metrics = [];
    private VersionWindow _window = null!;
    private string _model = string.Empty;
    private string _version = string.Empty;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_model, _version) = VersionKey.Parse(this.GetPrimaryKeyString());
        _window = state.State.Window ?? new VersionWindow(options.Value);
        _metrics.Add(new WindowMetrics(() => _window));
        ActivateDrift();
        var interval = options.Value.CheckpointInterval;
        this.RegisterGrainTimer(Checkpoint, new GrainTimerCreationOptions(interval, interval) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        DeactivateDrift();
        await Checkpoint(cancellationToken);
    }

    public Task Ingest(PredictionBatch[] batches)
    {
        var now = NowMs;
        foreach (var batch in batches)
        {
            _window.Apply(batch, now);
            ApplyDrift(batch, now);
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<VersionSummary> GetSummary(int minutes) =>
        Task.FromResult(_window.Summarize(_model, _version, minutes, NowMs));

    public Task<VersionTimeSeries> GetTimeSeries(int minutes, int stepSeconds) =>
        Task.FromResult(_window.TimeSeries(_model, _version, minutes, stepSeconds, NowMs));

    public Task<RecordSlice[]> GetRecords(RecordQuery query) => Task.FromResult(_window.Records(query));

    public Task<VersionHealth> GetHealth() => Task.FromResult(_window.Health(_version, HealthSpan, NowMs));

    /// <summary>Every source of this version's named figures (for alert rules).</summary>
    internal IReadOnlyList<IVersionMetrics> Metrics => _metrics;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task Checkpoint(CancellationToken cancellationToken)
    {
        await CheckpointReference(cancellationToken);
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        state.State.Window = _window;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _dirty = true;
            LogCheckpointFailed(logger, ex, _model, _version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of {Model}/{Version} failed; it will be retried")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string model, string version);
}

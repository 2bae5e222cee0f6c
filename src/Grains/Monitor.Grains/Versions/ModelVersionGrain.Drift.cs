using Microsoft.Extensions.Logging;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Metrics;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Versions;

/// <summary>
/// Drift and data quality of the version: its reference (own state, written when it changes), data-quality
/// counts on every ingested batch, drift reports on demand and on a timer, the drift history, and the
/// version's drift gauges. The logic lives in the Drift classes; this part orchestrates them.
/// </summary>
public sealed partial class ModelVersionGrain
{
    private VersionDriftEvaluator _drift = null!;
    private DataQualityCounter _quality = null!;
    private FeatureRing? _ring;
    private DriftHistoryLog _history = null!;
    private ReferenceCapture? _capture;
    private VersionDriftSeries _driftSeries = null!;
    private VersionDriftReport? _lastDrift;
    private long _recordsAtLastEvaluation = -1;
    private bool _referenceDirty;

    private VersionDriftOptions DriftConfig => driftOptions.Value;

    /// <summary>Settings of a version that has none of its own: the installation's (Monitor:Drift:Defaults).</summary>
    private DriftSettings InstallationDriftDefaults => _installationDefaults ??= DriftConfig.Defaults.ToSettings();

    private DriftSettings? _installationDefaults;

    public async Task<ReferenceChange> SetReference(ReferenceData data)
    {
        var stamped = Stamp(data, time.GetUtcNow());
        if (ReferenceRules.Check(stamped, DriftConfig) is { } refused)
        {
            return refused;
        }

        var prepared = PreparedReference.Prepare(stamped);
        var previous = reference.State.Data;
        reference.State.Data = stamped;
        try
        {
            await reference.WriteStateAsync();
        }
        catch
        {
            reference.State.Data = previous;
            throw;
        }

        _referenceDirty = false;
        EndCapture();
        state.State.LastCaptureProblems = null;
        Use(prepared);
        await WriteVersionState();
        return new ReferenceChange { Reference = DescribeReference() };
    }

    public async Task<ReferenceChange> CaptureReference(CaptureRequest request)
    {
        var max = DriftConfig.MaxReferenceRows;
        if (request.Records < 1 || request.Records > max)
        {
            return ReferenceChange.Refused(
                [new FieldProblem("records", $"must be a whole number from 1 to {max:N0} (Monitor:Drift:MaxReferenceRows), got {request.Records:N0}")],
                tooLarge: request.Records > max);
        }

        var problems = new List<FieldProblem>();
        foreach (var name in request.DeclaredTypes.Keys)
        {
            ReferenceRules.CheckName(name, DriftConfig, problems);
        }

        if (problems.Count > 0)
        {
            return ReferenceChange.Refused(problems);
        }

        _capture = new ReferenceCapture(request.Records, NowMs, request.DeclaredTypes);
        state.State.Capture = _capture.State;
        state.State.LastCaptureProblems = null;
        await WriteVersionState();
        return new ReferenceChange { Reference = DescribeReference() };
    }

    public async Task<ReferenceDescription?> DeleteReference()
    {
        var removed = DescribeReference();
        if (reference.State.Data is not null)
        {
            reference.State.Data = null;
            await reference.WriteStateAsync();
        }

        _referenceDirty = false;
        EndCapture();
        state.State.LastCaptureProblems = null;
        Use(null);
        await WriteVersionState();
        return removed;
    }

    public Task<ReferenceDescription?> GetReference() => Task.FromResult(DescribeReference());

    public Task<ReferenceData?> GetReferenceData() => Task.FromResult(_drift.Reference?.Data);

    public Task<VersionDriftReport?> EvaluateDrift() => Task.FromResult(_drift.Reference is null ? null : EvaluateNow());

    public Task<FeatureDistributionLookup> GetFeatureDistribution(DistributionQuery query) =>
        Task.FromResult(FeatureDistributionReader.Read(_model, _version, _drift.Reference, _ring, _window.Recent, query, time.GetUtcNow()));

    public Task<DriftHistory> GetDriftHistory(int minutes)
    {
        var now = NowMs;
        return Task.FromResult(_history.Read(
            _model, _version, now - (minutes * 60_000L), now, (int)DriftConfig.EvaluationInterval.TotalSeconds));
    }

    public Task<DriftSettings> GetDriftSettings() => Task.FromResult(state.State.DriftSettings ?? InstallationDriftDefaults);

    public async Task<DriftSettingsChange> SetDriftSettings(DriftSettings settings)
    {
        var problems = DriftSettingsRules.Check(settings, _drift.Reference);
        if (problems.Count > 0)
        {
            return new DriftSettingsChange { Problems = problems };
        }

        var canonical = DriftSettingsRules.Canonical(settings);
        state.State.DriftSettings = canonical;
        await WriteVersionState();
        _drift.Configure(_drift.Reference, canonical);
        _recordsAtLastEvaluation = -1;
        return new DriftSettingsChange { Settings = canonical };
    }

    public Task CountNonFiniteRefused(int records)
    {
        if (records > 0)
        {
            var now = NowMs;
            _window.Buckets.BucketFor(now, now)?.QualityCounts.AddNonFiniteRefused(records);
            _driftSeries.CountNonFinite(records);
            _dirty = true;
        }

        return Task.CompletedTask;
    }

    private async Task ActivateDrift()
    {
        var config = DriftConfig;
        PreparedReference? prepared = null;
        if (reference.State.Data is { } data)
        {
            prepared = PreparedReference.Prepare(data);
        }

        _history = await DriftPages.LoadHistoryAsync(_checkpoints, config.HistoryLength);
        if (state.State.Capture is { } stored)
        {
            _capture = await DriftPages.LoadCaptureAsync(_checkpoints, stored);
            if (_capture is null)
            {
                // A page the checkpoint names is gone: the capture cannot be completed as asked; say so.
                state.State.Capture = null;
                state.State.LastCaptureProblems = [new FieldProblem("records", "the capture's stored records could not be read back; start the capture again")];
            }
        }

        _drift = new VersionDriftEvaluator();
        _drift.Configure(prepared, state.State.DriftSettings ?? InstallationDriftDefaults);
        _outcomes.Calibration = ReferenceCalibration.From(prepared?.Data);
        _quality = new DataQualityCounter(prepared?.Schema ?? QualitySchema.Observed(config.MaxFeatureSeries));
        _ring = Ring(prepared);
        _driftSeries = new VersionDriftSeries(_model, _version, config.MaxFeatureSeries);
        if (_capture is { IsComplete: true } complete)
        {
            // The checkpoint holds the completing records but not yet what came of them: the same reference again.
            CompleteCapture(complete);
            _dirty = true;
        }

        _metrics.Add(new DriftMetrics(CurrentDrift, () => _window));
        var interval = config.EvaluationInterval;
        this.RegisterGrainTimer(EvaluateOnTimer, new GrainTimerCreationOptions(interval, interval) { Interleave = false });
    }

    private void DeactivateDrift() => _driftSeries.Remove();

    /// <summary>On ingest: data-quality counts into the batch's time buckets, and the capture, if one is under way.</summary>
    private void ApplyDrift(PredictionBatch batch, long nowMs)
    {
        _driftSeries.CountRecords(_quality.Count(batch, _window.Buckets, nowMs, _ring));
        if (_capture is { IsComplete: false } capture && capture.Offer(batch))
        {
            CompleteCapture(capture);
        }
    }

    /// <summary>
    /// The captured reference takes effect at once. The capture stays (complete) until a checkpoint has committed
    /// its last records and then stored the reference or its problems, so a crash before then finds it again.
    /// </summary>
    private void CompleteCapture(ReferenceCapture capture)
    {
        var (built, problems) = capture.Build();
        if (built is not null)
        {
            var stamped = Stamp(built, time.GetUtcNow());
            if (ReferenceRules.Check(stamped, DriftConfig, allowEmptyColumns: true) is { } refused)
            {
                problems = refused.Problems;
            }
            else
            {
                Use(PreparedReference.Prepare(stamped));
                _referenceDirty = true;
                state.State.LastCaptureProblems = null;
                return;
            }
        }

        state.State.LastCaptureProblems = [.. problems];
        LogCaptureFailed(logger, _model, _version, problems.Count > 0 ? problems[0].Reason : "unknown");
    }

    private void Use(PreparedReference? prepared)
    {
        _drift.Configure(prepared, state.State.DriftSettings ?? InstallationDriftDefaults);

        // A labelled reference calibrates the performance estimate; any other leaves it uncalibrated.
        _outcomes.Calibration = ReferenceCalibration.From(prepared?.Data);
        _quality.Schema = prepared?.Schema ?? QualitySchema.Observed(DriftConfig.MaxFeatureSeries);
        _ring = Ring(prepared);
        _lastDrift = null;
        _recordsAtLastEvaluation = -1;
        _driftSeries.ClearGauges();
    }

    // The feature window of a version with a reference, filled from the recent batches and kept by ingest.
    private FeatureRing? Ring(PreparedReference? prepared) => prepared is null
        ? null
        : FeatureRing.Build(prepared.Schema, options.Value.FeatureWindow, prepared.Outputs is not null, _window.Recent);

    // A listing after activation or a reference change evaluates once rather than showing no verdict until the timer's.
    private DriftVerdictLine? LatestDriftVerdict() => CurrentDrift() is { } report ? DriftVerdictLine.Of(report) : null;

    // The same for alert rules: after a restart a drift alert is judged on the restored window at once, never on
    // "no data" (which would resolve it) until the first timer evaluation.
    private VersionDriftReport? CurrentDrift() => _drift.Reference is null ? null : _lastDrift ?? EvaluateNow();

    private VersionDriftReport EvaluateNow()
    {
        var report = _drift.Evaluate(_model, _version, _ring!, time.GetUtcNow());
        _lastDrift = report;
        _driftSeries.Publish(report);
        return report;
    }

    /// <summary>The timer's evaluation: when there is a reference and something changed since the last one; recorded in the history.</summary>
    private Task EvaluateOnTimer(CancellationToken cancellationToken)
    {
        if (_drift.Reference is null || _window.TotalRecords == _recordsAtLastEvaluation)
        {
            return Task.CompletedTask;
        }

        _recordsAtLastEvaluation = _window.TotalRecords;
        _history.Add(EvaluateNow());
        _dirty = true;
        return Task.CompletedTask;
    }

    private ReferenceDescription? DescribeReference()
    {
        var capture = _capture is { IsComplete: false } underWay ? underWay.Progress() : null;
        var problems = state.State.LastCaptureProblems;
        if (_drift.Reference is { } prepared)
        {
            return prepared.Describe(_model, _version) with
            {
                Capture = capture,
                LastCaptureProblems = problems,
                Calibration = _outcomes.Calibration is { } calibration
                    ? new ReferenceCalibrationSummary { Rows = calibration.Rows, Accuracy = calibration.Accuracy, MeanConfidence = calibration.MeanConfidence, Method = "isotonic" }
                    : null,
            };
        }

        if (capture is null && problems is null)
        {
            return null;
        }

        return new ReferenceDescription
        {
            Model = _model,
            Version = _version,
            Status = capture is null ? "none" : "capturing",
            Capture = capture,
            LastCaptureProblems = problems,
        };
    }

    /// <summary>Part of the checkpoint: the history pages changed and a capture's new batches, committed with the window.</summary>
    private void WriteDrift(CheckpointWrites writes) => DriftPages.Write(writes, _checkpoints.Core, _history, _capture);

    /// <summary>
    /// After the checkpoint is committed, before the version's state is written: a captured reference not yet
    /// stored; then a completed capture ends. A failure fails the checkpoint, which is retried.
    /// </summary>
    private async Task SaveCommittedDrift()
    {
        if (_referenceDirty)
        {
            reference.State.Data = _drift.Reference?.Data;
            await reference.WriteStateAsync();
            _referenceDirty = false;
        }

        if (_capture is { IsComplete: true })
        {
            EndCapture();
        }
    }

    private void EndCapture()
    {
        _capture = null;
        state.State.Capture = null;
    }

    // Configuration is written through; the windows have checkpoints of their own.
    private Task WriteVersionState() => state.WriteStateAsync();

    private static ReferenceData Stamp(ReferenceData data, DateTimeOffset now) => new()
    {
        Features = data.Features,
        Predictions = data.Predictions,
        Confidences = data.Confidences,
        Labels = data.Labels,
        Source = data.Source,
        CopiedFrom = data.CopiedFrom,
        OutputsLeftOut = data.OutputsLeftOut,
        SetAt = now,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reference capture of {Model}/{Version} could not become the reference: {Reason}")]
    private static partial void LogCaptureFailed(ILogger logger, string model, string version, string reason);
}

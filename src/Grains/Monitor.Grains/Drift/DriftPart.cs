using Microsoft.Extensions.Logging;
using Monitor.Grains.Exposition;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Drift;

/// <summary>
/// Drift and data quality of the version: its reference (state "reference", written when it changes), its
/// settings and capture (state "drift"), data-quality counts on every ingested batch, drift reports on demand and
/// on a timer, the drift history (checkpoint pages), and the version's drift gauges. The logic lives in the
/// Drift classes; this part orchestrates them.
/// </summary>
public sealed partial class DriftPart(WindowPart windows, OutcomesPart outcomes) : VersionPart
{
    public const string PartName = "drift";

    private VersionPartContext _context = null!;
    private VersionDriftOptions _options = null!;
    private ILogger _logger = null!;
    private PartState<ReferenceState> _reference = null!;
    private PartState<DriftState> _state = null!;
    private VersionDriftEvaluator _drift = null!;
    private DataQualityCounter _quality = null!;
    private FeatureRing? _ring;
    private DriftHistoryLog _history = null!;
    private ReferenceCapture? _capture;
    private VersionDriftSeries _series = null!;
    private VersionDriftReport? _last;
    private DriftSettings? _installationDefaults;
    private IVersionMetrics? _metrics;
    private long _recordsAtLastEvaluation = -1;
    private bool _referenceDirty;

    public override string Name => PartName;

    public override IVersionMetrics? Metrics => _metrics;

    /// <summary>True while the version has a reference (a reason to wake it after a restart).</summary>
    public bool HasReference => _drift.Reference is not null;

    private DriftState State => _state.Value;

    private VersionWindow Window => windows.Window;

    /// <summary>Settings of a version that has none of its own: the installation's (Monitor:Drift:Defaults).</summary>
    private DriftSettings InstallationDefaults => _installationDefaults ??= _options.Defaults.ToSettings();

    public override async Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _options = context.Options<VersionDriftOptions>();
        _logger = context.Logger<DriftPart>();
        _reference = await context.State<ReferenceState>("reference").ReadAsync();
        _state = await context.State<DriftState>(PartName).ReadAsync();
        var prepared = _reference.Value.Data is { } data ? PreparedReference.Prepare(data) : null;
        _history = await DriftPages.LoadHistoryAsync(context.Checkpoint, _options.HistoryLength);
        if (State.Capture is { } stored)
        {
            _capture = await DriftPages.LoadCaptureAsync(context.Checkpoint, stored);
            if (_capture is null)
            {
                // A page the checkpoint names is gone: the capture cannot be completed as asked; say so.
                State.Capture = null;
                State.LastCaptureProblems = [new FieldProblem("records", "the capture's stored records could not be read back; start the capture again")];
            }
        }

        _drift = new VersionDriftEvaluator();
        _drift.Configure(prepared, State.Settings ?? InstallationDefaults);
        outcomes.Calibration = ReferenceCalibration.From(prepared?.Data);
        _quality = new DataQualityCounter(prepared?.Schema ?? QualitySchema.Observed(_options.MaxFeatureSeries));
        _ring = Ring(prepared);
        _series = new VersionDriftSeries(context.Model, context.Version, _options.MaxFeatureSeries);
        if (_capture is { IsComplete: true } complete)
        {
            // The checkpoint holds the completing records but not yet what came of them: the same reference again.
            CompleteCapture(complete);
            context.Host.Changed();
        }

        _metrics = new DriftMetrics(Current, () => Window);
        context.RegisterTimer(EvaluateOnTimer, _options.EvaluationInterval);
    }

    /// <summary>On ingest: data-quality counts into the batch's time buckets, and the capture, if one is under way.</summary>
    public override void Ingest(PredictionBatch batch, long nowMs)
    {
        _series.CountRecords(_quality.Count(batch, Window.Buckets, nowMs, _ring));
        if (_capture is { IsComplete: false } capture && capture.Offer(batch))
        {
            CompleteCapture(capture);
        }
    }

    /// <summary>Part of the checkpoint: the history pages changed and a capture's new batches, committed with the window.</summary>
    public override void Checkpoint(CheckpointWrites writes) => DriftPages.Write(writes, _context.Checkpoint.Core, _history, _capture);

    /// <summary>
    /// After the checkpoint is committed: a captured reference not yet stored, then a completed capture ends, then
    /// the drift state. A failure fails the checkpoint, which is retried.
    /// </summary>
    public override async Task CommittedAsync(CancellationToken cancellationToken)
    {
        if (_referenceDirty)
        {
            _reference.Value.Data = _drift.Reference?.Data;
            await _reference.WriteAsync();
            _referenceDirty = false;
        }

        if (_capture is { IsComplete: true })
        {
            EndCapture();
        }

        await _state.WriteAsync();
    }

    public override Task DeactivatingAsync(CancellationToken cancellationToken)
    {
        _series.Remove();
        return Task.CompletedTask;
    }

    public async Task<ReferenceChange> SetReference(ReferenceData data)
    {
        var stamped = Stamp(data, _context.Time.GetUtcNow());
        if (ReferenceRules.Check(stamped, _options) is { } refused)
        {
            return refused;
        }

        var prepared = PreparedReference.Prepare(stamped);
        var previous = _reference.Value.Data;
        _reference.Value.Data = stamped;
        try
        {
            await _reference.WriteAsync();
        }
        catch
        {
            _reference.Value.Data = previous;
            throw;
        }

        _referenceDirty = false;
        EndCapture();
        State.LastCaptureProblems = null;
        Use(prepared);
        await _state.WriteAsync();
        return new ReferenceChange { Reference = DescribeReference() };
    }

    public async Task<ReferenceChange> CaptureReference(CaptureRequest request)
    {
        var max = _options.MaxReferenceRows;
        if (request.Records < 1 || request.Records > max)
        {
            return ReferenceChange.Refused(
                [new FieldProblem("records", $"must be a whole number from 1 to {max:N0} (Monitor:Drift:MaxReferenceRows), got {request.Records:N0}")],
                tooLarge: request.Records > max);
        }

        var problems = new List<FieldProblem>();
        foreach (var name in request.DeclaredTypes.Keys)
        {
            ReferenceRules.CheckName(name, _options, problems);
        }

        if (problems.Count > 0)
        {
            return ReferenceChange.Refused(problems);
        }

        _capture = new ReferenceCapture(request.Records, _context.NowMs, request.DeclaredTypes);
        State.Capture = _capture.State;
        State.LastCaptureProblems = null;
        await _state.WriteAsync();
        return new ReferenceChange { Reference = DescribeReference() };
    }

    public async Task<ReferenceDescription?> DeleteReference()
    {
        var removed = DescribeReference();
        if (_reference.Value.Data is not null)
        {
            _reference.Value.Data = null;
            await _reference.WriteAsync();
        }

        _referenceDirty = false;
        EndCapture();
        State.LastCaptureProblems = null;
        Use(null);
        await _state.WriteAsync();
        return removed;
    }

    public ReferenceData? ReferenceData => _drift.Reference?.Data;

    public VersionDriftReport? Evaluate() => _drift.Reference is null ? null : EvaluateNow();

    public FeatureDistributionLookup Distribution(DistributionQuery query) => FeatureDistributionReader.Read(
        _context.Model, _context.Version, _drift.Reference, _ring, Window.Recent, query, _context.Time.GetUtcNow());

    public DriftHistory HistoryBetween(long fromMs, long toMs) =>
        _history.Read(_context.Model, _context.Version, fromMs, toMs, (int)_options.EvaluationInterval.TotalSeconds);

    public DriftHistory History(int minutes)
    {
        var now = _context.NowMs;
        return _history.Read(_context.Model, _context.Version, now - (minutes * 60_000L), now, (int)_options.EvaluationInterval.TotalSeconds);
    }

    public DriftSettings Settings => State.Settings ?? InstallationDefaults;

    public async Task<DriftSettingsChange> SetSettings(DriftSettings settings)
    {
        var problems = DriftSettingsRules.Check(settings, _drift.Reference);
        if (problems.Count > 0)
        {
            return new DriftSettingsChange { Problems = problems };
        }

        var canonical = DriftSettingsRules.Canonical(settings);
        State.Settings = canonical;
        await _state.WriteAsync();
        _drift.Configure(_drift.Reference, canonical);
        _recordsAtLastEvaluation = -1;
        return new DriftSettingsChange { Settings = canonical };
    }

    public void CountNonFiniteRefused(int records)
    {
        if (records > 0)
        {
            var now = _context.NowMs;
            Window.Buckets.BucketFor(now, now)?.QualityCounts.AddNonFiniteRefused(records);
            _series.CountNonFinite(records);
            _context.Host.Changed();
        }
    }

    // A listing after activation or a reference change evaluates once rather than showing no verdict until the timer's.
    public DriftVerdictLine? LatestVerdict() => Current() is { } report ? DriftVerdictLine.Of(report) : null;

    // The same for alert rules: after a restart a drift alert is judged on the restored window at once, never on
    // "no data" (which would resolve it) until the first timer evaluation.
    public VersionDriftReport? Current() => _drift.Reference is null ? null : _last ?? EvaluateNow();

    public ReferenceDescription? DescribeReference()
    {
        var capture = _capture is { IsComplete: false } underWay ? underWay.Progress() : null;
        var problems = State.LastCaptureProblems;
        if (_drift.Reference is { } prepared)
        {
            return prepared.Describe(_context.Model, _context.Version) with
            {
                Capture = capture,
                LastCaptureProblems = problems,
                Calibration = outcomes.Calibration is { } calibration
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
            Model = _context.Model,
            Version = _context.Version,
            Status = capture is null ? "none" : "capturing",
            Capture = capture,
            LastCaptureProblems = problems,
        };
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
            var stamped = Stamp(built, _context.Time.GetUtcNow());
            if (ReferenceRules.Check(stamped, _options, allowEmptyColumns: true) is { } refused)
            {
                problems = refused.Problems;
            }
            else
            {
                Use(PreparedReference.Prepare(stamped));
                _referenceDirty = true;
                State.LastCaptureProblems = null;
                return;
            }
        }

        State.LastCaptureProblems = [.. problems];
        LogCaptureFailed(_logger, _context.Model, _context.Version, problems.Count > 0 ? problems[0].Reason : "unknown");
    }

    private void Use(PreparedReference? prepared)
    {
        _drift.Configure(prepared, State.Settings ?? InstallationDefaults);

        // A labelled reference calibrates the performance estimate; any other leaves it uncalibrated.
        outcomes.Calibration = ReferenceCalibration.From(prepared?.Data);
        _quality.Schema = prepared?.Schema ?? QualitySchema.Observed(_options.MaxFeatureSeries);
        _ring = Ring(prepared);
        _last = null;
        _recordsAtLastEvaluation = -1;
        _series.ClearGauges();
    }

    // The feature window of a version with a reference, filled from the recent batches and kept by ingest.
    private FeatureRing? Ring(PreparedReference? prepared) => prepared is null
        ? null
        : FeatureRing.Build(prepared.Schema, windows.Options.FeatureWindow, prepared.Outputs is not null, Window.Recent);

    private VersionDriftReport EvaluateNow()
    {
        var report = _drift.Evaluate(_context.Model, _context.Version, _ring!, _context.Time.GetUtcNow());
        _last = report;
        _series.Publish(report);
        return report;
    }

    /// <summary>The timer's evaluation: when there is a reference and something changed since the last one; recorded in the history.</summary>
    private Task EvaluateOnTimer(CancellationToken cancellationToken)
    {
        if (_drift.Reference is null || Window.TotalRecords == _recordsAtLastEvaluation)
        {
            return Task.CompletedTask;
        }

        _recordsAtLastEvaluation = Window.TotalRecords;
        _history.Add(EvaluateNow());
        _context.Host.Changed();
        return Task.CompletedTask;
    }

    private void EndCapture()
    {
        _capture = null;
        State.Capture = null;
    }

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

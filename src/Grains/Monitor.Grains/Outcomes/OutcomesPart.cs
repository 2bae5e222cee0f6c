using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Grains.Exposition;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes.Budget;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Labels and business events of the version: predictions with an id go into the join index on ingest; labels
/// and events join against it; pending labels are retried, expired predictions swept and the outcome gauges
/// refreshed on a timer. The ledger is in the checkpoint (<see cref="OutcomePages"/>); the index is a state of its
/// own ("joins", <see cref="JoinIndexCheckpoint"/>), written on its own interval.
/// </summary>
public sealed class OutcomesPart(WindowPart windows) : VersionPart
{
    public const string PartName = "outcomes";

    private VersionPartContext _context = null!;
    private OutcomeOptions _options = null!;
    private VersionOutcomeSeries _series = null!;
    private JoinIndexCheckpoint _index = null!;
    private IVersionMetrics? _metrics;

    public override string Name => PartName;

    public override IVersionMetrics? Metrics => _metrics;

    public VersionOutcomes Outcomes { get; private set; } = null!;

    /// <summary>The calibration of the performance estimate, from a labelled reference (set by the drift part).</summary>
    public ReferenceCalibration? Calibration
    {
        get => Outcomes.Calibration;
        set => Outcomes.Calibration = value;
    }

    /// <summary>True when the version's labels name exactly two classes.</summary>
    public bool IsBinary => Outcomes.Ledger.Classes.Count == 2;

    public override async Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _options = context.Options<OutcomeOptions>();
        var ledger = await OutcomePages.LoadAsync(context.Checkpoint, _options, context.NowMs);
        _index = new JoinIndexCheckpoint(context, _options, context.Logger<OutcomesPart>());
        var index = await _index.ReadAsync(context.Service<JoinIndexBudget>());
        Outcomes = new VersionOutcomes(windows.Window, ledger, index, _options);
        _series = new VersionOutcomeSeries(context.Model, context.Version, Outcomes);
        _metrics = new OutcomeMetrics(() => Outcomes);
        context.RegisterTimer(RefreshAsync, _options.RefreshInterval);
    }

    public override void Ingest(PredictionBatch batch, long nowMs) => _index.Changed(Outcomes.IndexPredictions(batch));

    /// <summary>Part of the checkpoint: the outcome ledger is in its core, the changed pages of waiting labels and revenue go with it.</summary>
    public override void Checkpoint(CheckpointWrites writes) => OutcomePages.Write(writes, Outcomes.Ledger);

    /// <summary>After the version's last checkpoint: the index is written too (awaited), and leaves this silo's memory budget.</summary>
    public override async Task DeactivatedAsync(CancellationToken cancellationToken)
    {
        try
        {
            _series.Remove();
            if (!cancellationToken.IsCancellationRequested)
            {
                await _index.FinalWriteAsync(Outcomes.Index, cancellationToken);
            }
        }
        finally
        {
            Outcomes.Index.DetachBudget();
        }
    }

    public LabelJoinCounts JoinLabels(LabelBatch labels) => Changed(Outcomes.JoinLabels(labels, _context.NowMs));

    public JoinMatch[] MatchLabels(LabelBatch labels) => Changed(Outcomes.MatchLabels(labels, _context.NowMs));

    public EventJoinCounts RecordEvents(EventBatch events) => Changed(Outcomes.RecordEvents(events, _context.NowMs));

    public JoinMatch[] MatchEvents(EventBatch events) => Changed(Outcomes.MatchEvents(events, _context.NowMs));

    public VersionSample Sample(int minutes) => VersionSampler.Sample(_context.Version, Outcomes, minutes, _context.NowMs);

    public OutcomeSummary? Summarize(int minutes)
    {
        var now = _context.NowMs;
        var (fromMs, toMs) = windows.Window.Period(minutes, now);
        return OutcomeSummarizer.Summarize(Outcomes, fromMs, toMs, now);
    }

    /// <summary>The outcome gauges now rather than at the timer's first turn.</summary>
    public void RefreshSeries() => _series.Refresh(Outcomes, _options.MetricsWindow, _context.NowMs);

    private T Changed<T>(T result)
    {
        _context.Host.Changed();
        _context.Host.Traffic(_context.NowMs);
        _index.Changed(true);
        return result;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _context.NowMs;
        var resolved = Outcomes.RetryPending(now);
        var swept = Outcomes.Sweep(now);
        if (resolved.Total > 0)
        {
            Changed(resolved);
        }

        _index.Changed(swept > 0);
        _series.Refresh(Outcomes, _options.MetricsWindow, now);
        await _index.WriteWhenDueAsync(Outcomes.Index, cancellationToken);
    }
}

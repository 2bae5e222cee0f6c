using Monitor.Grains.Ingest;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Versions;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Windows;

/// <summary>
/// The version's sliding windows (counts, latencies, confidences, predictions, recent records): applied on ingest,
/// checkpointed as pages with the counters in the core (<see cref="WindowPages"/>), and read by the other parts.
/// </summary>
public sealed class WindowPart : VersionPart
{
    public const string PartName = "window";

    private static readonly TimeSpan HealthSpan = TimeSpan.FromMinutes(5);

    private VersionPartContext _context = null!;
    private IVersionMetrics? _metrics;

    public override string Name => PartName;

    public override IVersionMetrics? Metrics => _metrics;

    public VersionWindow Window { get; private set; } = null!;

    public VersionWindowOptions Options { get; private set; } = null!;

    public override async Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _context = context;
        Options = context.Options<VersionWindowOptions>();
        Window = await WindowPages.LoadAsync(context.Checkpoint, Options);
        _metrics = new WindowMetrics(() => Window);
    }

    public override void Ingest(PredictionBatch batch, long nowMs) => Window.Apply(batch, nowMs);

    public override void Checkpoint(CheckpointWrites writes) => WindowPages.Write(writes, Window);

    public VersionSummary Summarize(int minutes) => Window.Summarize(_context.Model, _context.Version, minutes, _context.NowMs);

    public VersionHealth Health() => Window.Health(_context.Version, HealthSpan, _context.NowMs);

    public RecordSlice[] Records(RecordQuery query) => Window.Records(query);
}

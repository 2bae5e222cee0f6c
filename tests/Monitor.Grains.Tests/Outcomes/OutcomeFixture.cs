using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>A version's windows and outcomes without a silo, on a clock the test moves.</summary>
internal sealed class OutcomeFixture
{
    public static readonly long Start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public OutcomeFixture(OutcomeOptions? options = null, VersionWindowOptions? windows = null)
    {
        Options = options ?? new OutcomeOptions();
        Window = new VersionWindow(windows ?? new VersionWindowOptions());
        Ledger = new OutcomeLedger(Options);
        Index = new PredictionIndex(Options.MaxIndexedPredictions, Options.Horizon);
        Outcomes = new VersionOutcomes(Window, Ledger, Index, Options);
    }

    public OutcomeOptions Options { get; }
    public VersionWindow Window { get; }
    public OutcomeLedger Ledger { get; }
    public PredictionIndex Index { get; }
    public VersionOutcomes Outcomes { get; }

    public long Now { get; set; } = Start;

    /// <summary>Applies predictions as the grain does: to the windows, then to the join index.</summary>
    public void Predict(TestBatch batch)
    {
        var built = batch.Build();
        Window.Apply(built, Now);
        Outcomes.IndexPredictions(built);
    }

    public LabelJoinCounts Label(params (string Id, object Truth)[] labels) => Outcomes.JoinLabels(Labels.Of(labels, Now), Now);

    public OutcomeAggregate Last(TimeSpan span) => Outcomes.Aggregate(Now - (long)span.TotalMilliseconds, Now + 1, Now);
}

/// <summary>Label and event batches for tests: a string or whole number is a class ("label"), a <see cref="Value"/> a regression target.</summary>
internal static class Labels
{
    public readonly record struct Value(double Number);

    public static LabelBatch Of((string Id, object Truth)[] labels, long timeMs, string? version = "v1") => new()
    {
        Model = "m",
        Version = version,
        Count = labels.Length,
        IdHashes = [.. labels.Select(l => PredictionIdHash.Of(l.Id))],
        TimestampsMs = [.. labels.Select(_ => timeMs)],
        Kinds = [.. labels.Select(l => l.Truth is Value ? LabelKind.Value : LabelKind.Class)],
        Texts = [.. labels.Select(l => l.Truth as string)],
        Numbers = [.. labels.Select(l => l.Truth switch { Value v => v.Number, string => double.NaN, _ => Convert.ToDouble(l.Truth, System.Globalization.CultureInfo.InvariantCulture) })],
    };

    public static EventBatch Events((string? Id, string Type, double Value)[] events, long timeMs, string? version = "v1") => new()
    {
        Model = "m",
        Version = version,
        Count = events.Length,
        IdHashes = [.. events.Select(e => e.Id is null ? PredictionIdHash.None : PredictionIdHash.Of(e.Id))],
        TimestampsMs = [.. events.Select(_ => timeMs)],
        Types = [.. events.Select(e => e.Type)],
        Values = [.. events.Select(e => e.Value)],
    };
}

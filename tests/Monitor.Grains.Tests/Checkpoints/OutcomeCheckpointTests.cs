using Monitor.Grains.Outcomes;
using Monitor.Grains.Tests.Outcomes;
using Monitor.Grains.Windows;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// The outcome ledger goes into the version's checkpoint with the buckets that count by it: its vocabularies and
/// totals in the core, waiting labels and revenue amounts in pages. A checkpoint that dies after any of its writes
/// restores ledger and buckets from the same checkpoint, and a checkpoint writes only the pages that changed.
/// </summary>
public sealed class OutcomeCheckpointTests
{
    private static readonly long Start = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly OutcomeOptions Options = new() { RecentRevenueSamples = 2000, MaxPendingLabels = 50 };

    [Fact]
    public async Task A_checkpoint_dying_after_any_of_its_writes_restores_ledger_and_buckets_from_one_checkpoint()
    {
        var died = true;
        var k = 0;
        for (; died; k++)
        {
            var store = new SerializingPageStore();
            var version = await Version.Activate(store, Start);
            var now = Start;
            for (var step = 1; step <= 6; step++)
            {
                now += 10_000;
                version.Step(step, now);
                await version.Checkpoint();
            }

            var previous = Figures.Of(version, now);
            version.Step(7, now += 10_000);
            var next = Figures.Of(version, now);
            Assert.NotEqual(previous, next);

            store.WritesLeft = k;
            died = await Dies(version.Checkpoint());
            store.WritesLeft = null;

            var restored = Figures.Of(await Version.Activate(store, now), now);
            Assert.True(restored == (died ? previous : next), $"after {k} writes: {restored}; previous {previous}, next {next}");
        }

        Assert.True(k > 4, $"the checkpoint wrote {k - 1} rows");
    }

    [Fact]
    public async Task Revenue_pages_are_written_only_when_written_to_and_the_ring_restores_exactly()
    {
        var store = new SerializingPageStore();
        var version = await Version.Activate(store, Start);
        var now = Start + 1000;
        version.Outcomes.RecordEvents(Labels.Events([.. Enumerable.Range(0, 1300).Select(i => ((string?)null, "revenue", (double)i))], now), now);
        await version.Checkpoint();
        Assert.Equal(3, store.Rows.Keys.Count(r => r.StartsWith(OutcomePages.Revenue, StringComparison.Ordinal)));

        store.ResetCounts();
        version.Outcomes.RecordEvents(Labels.Events([(null, "revenue", 5000)], now), now);
        await version.Checkpoint();
        var restored = await Version.Activate(store, now);

        // Core, the open fine bucket and one page of the ring.
        Assert.Equal(3, store.Writes);
        var values = restored.Outcomes.Ledger.Revenue.Select(now, now + 1);
        Assert.Equal(1301, values.Count);
        Assert.Equal(Enumerable.Range(0, 1300).Select(i => (double)i).Append(5000).Order(), values.Order());
    }

    [Fact]
    public void A_ring_missing_a_page_holds_nothing_exactly_from_then_on()
    {
        var ring = new TimedValueRing(1000);
        for (var i = 0; i < 700; i++)
        {
            ring.Add(i, i);
        }

        ring.Restore([ring.Page(0), null], nowMs: 5000);

        Assert.Equal(0, ring.Count);
        Assert.False(ring.HoldsEverythingSince(4000));
        ring.Add(6000, 1);
        Assert.True(ring.HoldsEverythingSince(5001));
    }

    private static async Task<bool> Dies(Task checkpoint)
    {
        try
        {
            await checkpoint;
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>What a restore must get from one checkpoint: ledger figures and the buckets' figures that count by it.</summary>
    private sealed record Figures(long Predictions, long Joined, long BucketJoined, string Classes, int Pending, int Revenue, double RevenueSum, string Confusion)
    {
        public static Figures Of(Version version, long now)
        {
            var ledger = version.Outcomes.Ledger;
            var aggregate = version.Outcomes.Aggregate(Start, now + 1, now);
            var classification = OutcomeSummarizer.Classification(aggregate.Outcomes, ledger.Classes);
            var revenue = ledger.Revenue.Select(Start, now + 1);
            return new Figures(
                version.Window.TotalRecords,
                ledger.Labels.Joined,
                aggregate.Outcomes.Joined,
                string.Join(",", classification.ConfusionMatrix.Classes),
                ledger.Pending.Count,
                revenue.Count,
                revenue.Sum(),
                string.Join(";", classification.ConfusionMatrix.Counts.Select(row => string.Join(",", row))));
        }
    }

    /// <summary>A version's window and outcomes, activated and checkpointed as the grain does it.</summary>
    private sealed class Version
    {
        public required CheckpointStore Checkpoints { get; init; }

        public required VersionWindow Window { get; init; }

        public required VersionOutcomes Outcomes { get; init; }

        public static async Task<Version> Activate(SerializingPageStore store, long now)
        {
            var checkpoints = await CheckpointStore.OpenAsync(store);
            var window = await WindowPages.LoadAsync(checkpoints, new VersionWindowOptions());
            var ledger = await OutcomePages.LoadAsync(checkpoints, Options, now);
            var index = new PredictionIndex(Options.MaxIndexedPredictions, Options.Horizon);
            var outcomes = new VersionOutcomes(window, ledger, index, Options);
            return new Version { Checkpoints = checkpoints, Window = window, Outcomes = outcomes };
        }

        /// <summary>
        /// Predictions of a new class each step, labels for them (one naming a prediction still to come, which
        /// waits), and revenue.
        /// </summary>
        public void Step(int step, long now)
        {
            var batch = new TestBatch("m", "v1");
            for (var i = 0; i < 10; i++)
            {
                batch.Add(now - 1000, 10, confidence: 0.5 + (i * 0.04), prediction: $"class-{(step + i) % (step + 1)}", id: $"s{step}-{i}");
            }

            var built = batch.Build();
            Window.Apply(built, now);
            Outcomes.IndexPredictions(built);
            Outcomes.JoinLabels(Labels.Of([.. Enumerable.Range(0, 10).Select(i => ($"s{step}-{i}", (object)$"class-{i % (step + 1)}")), ($"s{step + 1}-0", (object)"class-0")], now), now);
            Outcomes.RecordEvents(Labels.Events([($"s{step}-1", "revenue", step * 1.5), (null, "revenue", step * 10)], now), now);
        }

        /// <summary>As the grain's checkpoint: window pages, outcome pages, then the core.</summary>
        public async Task Checkpoint()
        {
            var writes = await Checkpoints.BeginAsync();
            WindowPages.Write(writes, Window);
            OutcomePages.Write(writes, Outcomes.Ledger);
            await Checkpoints.CommitAsync(writes);
        }
    }
}

using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Tests.Drift;
using Monitor.Grains.Versions;
using Monitor.Grains.Windows;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// A checkpoint that dies after any number of its writes restores as the previous checkpoint or the new one,
/// whole: window, ingest marks, drift history and capture all from the same one. A gateway's retried call then
/// leaves exactly the records sent once. The version is driven the way its grain drives it.
/// </summary>
public sealed class CheckpointCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Calls = 80;
    private const int Records = 10;
    private static readonly long Start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    // Minute-wide coarse buckets over a minute of fine ones: every checkpoint here rolls a fine bucket into a
    // coarse one and reuses its slot; the latency ring and the recent segments wrap.
    private static readonly VersionWindowOptions Options = new()
    {
        FineBucket = TimeSpan.FromSeconds(10),
        FineSpan = TimeSpan.FromMinutes(1),
        CoarseBucket = TimeSpan.FromMinutes(1),
        Retention = TimeSpan.FromHours(1),
        ExactLatencySamples = 700,
        FeatureWindow = 128,
        RecentRecords = 128,
    };

    [Fact]
    public async Task A_checkpoint_dying_after_any_of_its_writes_restores_whole_and_a_retried_call_counts_once()
    {
        // k = 0, 1, 2...: the checkpoint dies after its k-th write, until k is enough for all of them.
        var died = true;
        var k = 0;
        for (; died; k++)
        {
            var store = new SerializingPageStore();
            var version = await Version.Activate(store);
            var now = await version.Run(store, 1, Calls);
            var previous = Figures.Of(version);
            var call = version.Call(Calls + 1, now += 10_000);
            version.Ingest(call, now);
            var next = Figures.Of(version);

            store.WritesLeft = k;
            died = await Dies(version.Checkpoint());
            store.WritesLeft = null;

            var restored = await Version.Activate(store);
            var figures = Figures.Of(restored);
            Assert.True(figures == (died ? previous : next), $"after {k} writes: {figures}; previous {previous}, next {next}");

            // The gateway had no answer: it sends the call again with the same token.
            restored.Ingest(call, now);
            Assert.Equal(next.Counts(), Figures.Of(restored).Counts());
            AssertSameState(version, restored, now);
        }

        output.WriteLine($"a checkpoint of {k - 1} writes: restored whole after each of its first {k - 1}");
        Assert.True(k > 6, $"the checkpoint wrote {k - 1} rows");
    }

    [Fact]
    public async Task A_core_write_that_landed_though_it_failed_is_found_by_the_next_checkpoint()
    {
        foreach (var landed in new[] { true, false })
        {
            var died = true;
            for (var k = 0; died; k++)
            {
                var store = new SerializingPageStore();
                var version = await Version.Activate(store);
                var now = await version.Run(store, 1, Calls);
                var before = Figures.Of(version);

                // The next call's checkpoint: its core row is stored but the answer lost, or it is not stored at all.
                var first = version.Call(Calls + 1, now += 10_000);
                version.Ingest(first, now);
                var doubtful = Figures.Of(version);
                store.AnswerLost = name => landed && name == CheckpointStore.CoreRow;
                store.Fails = name => !landed && name == CheckpointStore.CoreRow;
                Assert.True(await Dies(version.Checkpoint()));
                store.AnswerLost = store.Fails = _ => false;

                // The one after dies after k of its writes.
                var second = version.Call(Calls + 2, now += 10_000);
                version.Ingest(second, now);
                var next = Figures.Of(version);
                store.WritesLeft = k;
                died = await Dies(version.Checkpoint());
                store.WritesLeft = null;

                var restored = await Version.Activate(store);
                var figures = Figures.Of(restored);
                var committed = landed ? doubtful : before;
                Assert.True(figures == (died ? committed : next), $"landed {landed}, after {k} writes: {figures}; committed {committed}, next {next}");

                restored.Ingest(first, now);
                restored.Ingest(second, now);
                Assert.Equal(next.Counts(), Figures.Of(restored).Counts());
                AssertSameState(version, restored, now);
            }
        }
    }

    [Fact]
    public async Task An_activation_whose_checkpoint_another_one_replaced_stops_writing_it()
    {
        var store = new SerializingPageStore();
        var stale = await Version.Activate(store);
        var now = await stale.Run(store, 1, 3);

        // A second activation takes over from the checkpoint and commits one of its own.
        var current = await Version.Activate(store);
        current.Ingest(current.Call(4, now += 10_000), now);
        await current.Checkpoint();

        // The stale one's core write is refused (in the grain's storage, by the core row's ETag); from then on it
        // writes nothing, and the other activation goes on.
        stale.Ingest(stale.Call(4, now), now);
        store.Fails = name => name == CheckpointStore.CoreRow;
        Assert.True(await Dies(stale.Checkpoint()));
        store.Fails = _ => false;
        var writes = store.Writes;
        await Assert.ThrowsAsync<CheckpointFencedException>(stale.Checkpoint);
        await Assert.ThrowsAsync<CheckpointFencedException>(stale.Checkpoint);
        Assert.Equal(writes, store.Writes);

        current.Ingest(current.Call(5, now += 10_000), now);
        await current.Checkpoint();
        var restored = await Version.Activate(store);
        Assert.Equal(current.Checkpoints.Core.Writer, restored.Checkpoints.Core.Writer);
        Assert.Equal(5, restored.Checkpoints.Core.Generation);
        Assert.Equal(Figures.Of(current), Figures.Of(restored));
    }

    // The same answers, and the capture holds the same records in the same order, each once.
    private static void AssertSameState(Version expected, Version actual, long now)
    {
        WindowPagesTests.AssertSameAnswers(expected.Window, actual.Window, now);
        Assert.Equal(Captured(expected), Captured(actual));

        static double[] Captured(Version v) => v.Capture!.Build().Reference!.Features.Single(f => f.Name == "amount").Numbers!;
    }

    private static async Task<bool> Dies(Task checkpoint)
    {
        try
        {
            await checkpoint;
            return false;
        }
        catch (Exception ex) when (ex is IOException or TimeoutException)
        {
            return true;
        }
    }

    /// <summary>What a restore must get all from one checkpoint.</summary>
    private sealed record Figures(long Records, long Summarized, long Sender, int Captured, int RecentRecords, int History)
    {
        /// <summary>All but the history, which a retried call does not add to again (evaluations come from a timer).</summary>
        public Figures Counts() => this with { History = 0 };

        public static Figures Of(Version v) => new(
            v.Window.TotalRecords,
            v.Window.Summarize("m", "v", 60, v.Window.LastSeen!.Value.ToUnixTimeMilliseconds()).TotalRequests,
            v.Checkpoints.Core.Senders.GetValueOrDefault("gw").Sequence,
            v.Capture!.Captured,
            v.Window.Recent.Records,
            v.History.Count);
    }

    /// <summary>A version's state as its grain keeps it, ingested and checkpointed the way the grain does.</summary>
    private sealed class Version
    {
        // The capture's part of the version's state, written when it starts.
        private static readonly CaptureProgressState CaptureState = new() { Target = 10_000, StartedMs = Start, CaptureId = 42 };

        public required CheckpointStore Checkpoints { get; init; }

        public required VersionWindow Window { get; init; }

        public required DriftHistoryLog History { get; init; }

        public ReferenceCapture? Capture { get; init; }

        public static async Task<Version> Activate(SerializingPageStore store)
        {
            var checkpoints = await CheckpointStore.OpenAsync(store);
            return new Version
            {
                Checkpoints = checkpoints,
                Window = await WindowPages.LoadAsync(checkpoints, Options),
                History = await DriftPages.LoadHistoryAsync(checkpoints, 150),
                Capture = await DriftPages.LoadCaptureAsync(checkpoints, CaptureState),
            };
        }

        /// <summary>Calls first to last, ten seconds apart, each checkpointed; returns the time of the last.</summary>
        public async Task<long> Run(SerializingPageStore store, int first, int last)
        {
            var now = Start;
            for (var sequence = first; sequence <= last; sequence++)
            {
                now += 10_000;
                Ingest(Call(sequence, now), now);
                await Checkpoint();
            }

            return now;
        }

        public (IngestToken Token, PredictionBatch Batch) Call(int sequence, long now)
        {
            var random = new Random(sequence);
            var batch = new TestBatch("m", "v");
            for (var i = 0; i < Records; i++)
            {
                batch.Add(now - random.Next(10_000), Math.Round(random.NextDouble() * 100, 2), confidence: random.NextDouble(),
                    prediction: random.Next(3), id: $"c{sequence}-{i}", features: new() { ["amount"] = random.NextDouble() });
            }

            return (new IngestToken("gw", sequence), batch.Build());
        }

        /// <summary>As the grain's tokened ingest: a call already applied is skipped.</summary>
        public void Ingest((IngestToken Token, PredictionBatch Batch) call, long now)
        {
            var senders = Checkpoints.Core.Senders;
            if (senders.TryGetValue(call.Token.Sender, out var mark) && call.Token.Sequence <= mark.Sequence)
            {
                return;
            }

            Window.Apply(call.Batch, now);
            Capture!.Offer(call.Batch);
            senders[call.Token.Sender] = new IngestMark(call.Token.Sequence, now);
            History.Add(DriftHistoryLogTests.Report(DateTimeOffset.FromUnixTimeMilliseconds(now), 0.5));
        }

        /// <summary>As the grain's checkpoint: window and drift pages, then the core.</summary>
        public async Task Checkpoint()
        {
            var writes = await Checkpoints.BeginAsync();
            WindowPages.Write(writes, Window);
            DriftPages.Write(writes, Checkpoints.Core, History, Capture);
            await Checkpoints.CommitAsync(writes);
        }
    }
}

using System.Text.Json;
using Monitor.Grains.Windows;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// Window checkpoints in pages: what a restored window answers is what the original answered, a
/// checkpoint writes only what changed (measured in bytes), and an interrupted checkpoint never
/// makes a record count twice.
/// </summary>
public sealed class WindowPagesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly long Start = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly VersionWindowOptions Options = new();

    [Fact]
    public async Task A_restored_window_answers_exactly_as_the_original()
    {
        var window = new VersionWindow(Options);
        var random = new Random(7);
        var now = Start;

        // Two hours at 20 records a second in batches of 50: fine buckets roll into coarse ones and
        // the latency ring and recent batches wrap several times.
        for (var step = 0; step < 2 * 3600 / 5; step++)
        {
            now += 5_000;
            window.Apply(Batch(random, now, 100, late: step % 97 == 0), now);
        }

        var store = new SerializingPageStore();
        await WindowPages.SaveAsync(store, new WindowCheckpoint { Window = window });
        var restored = (await WindowPages.LoadAsync(store, Options)).Window!;

        AssertSameAnswers(window, restored, now);
    }

    [Fact]
    public async Task A_checkpoint_writes_only_what_changed_since_the_last()
    {
        var window = new VersionWindow(Options);
        var random = new Random(11);
        var store = new SerializingPageStore();
        var core = new WindowCheckpoint { Window = window };
        var now = Start;

        // Two hours of history, checkpointed every 5 s as the grain does.
        for (var step = 0; step < 2 * 3600 / 5; step++)
        {
            now += 5_000;
            window.Apply(Batch(random, now, 100), now);
            await WindowPages.SaveAsync(store, core);
        }

        var whole = store.StoredBytes;
        store.ResetCounts();
        const int checkpoints = 60;
        for (var step = 0; step < checkpoints; step++)
        {
            now += 5_000;
            window.Apply(Batch(random, now, 100), now);
            await WindowPages.SaveAsync(store, core);
        }

        var perCheckpoint = store.BytesWritten / checkpoints;
        output.WriteLine($"whole window {whole:N0} bytes; a checkpoint writes {perCheckpoint:N0} bytes in {store.Writes / (double)checkpoints:0.0} rows");

        // Writing the whole window each time would cost `whole` bytes per checkpoint.
        Assert.True(whole > 20 * perCheckpoint, $"the window's stored form is {whole:N0} bytes, a checkpoint {perCheckpoint:N0}");
        Assert.True(perCheckpoint < 48_000, $"a checkpoint wrote {perCheckpoint:N0} bytes on average (whole window {whole:N0})");
        Assert.True(store.Writes / checkpoints <= 6, $"a checkpoint wrote {store.Writes / (double)checkpoints:0.0} rows on average");

        // An idle version's checkpoint writes the core row alone.
        store.ResetCounts();
        await WindowPages.SaveAsync(store, core);
        Assert.Equal(1, store.Writes);
    }

    [Fact]
    public async Task A_failed_checkpoint_is_written_whole_by_the_next_one()
    {
        var window = new VersionWindow(Options);
        var random = new Random(3);
        var store = new SerializingPageStore();
        var core = new WindowCheckpoint { Window = window };
        var now = Start + 60_000;
        window.Apply(Batch(random, now, 200), now);
        await WindowPages.SaveAsync(store, core);

        store.Fails = name => name.StartsWith("window.fine", StringComparison.Ordinal);
        now += 20_000;
        window.Apply(Batch(random, now, 200), now);
        await Assert.ThrowsAsync<IOException>(() => WindowPages.SaveAsync(store, core));

        store.Fails = _ => false;
        await WindowPages.SaveAsync(store, core);
        var restored = (await WindowPages.LoadAsync(store, Options)).Window!;
        AssertSameAnswers(window, restored, now);
    }

    [Fact]
    public async Task A_checkpoint_interrupted_after_its_pages_counts_no_record_twice()
    {
        // Fine and coarse buckets of one minute each: every new minute rolls a bucket into coarse.
        var options = new VersionWindowOptions
        {
            FineBucket = TimeSpan.FromSeconds(10),
            FineSpan = TimeSpan.FromMinutes(1),
            CoarseBucket = TimeSpan.FromMinutes(1),
            Retention = TimeSpan.FromHours(1),
        };
        var window = new VersionWindow(options);
        var random = new Random(5);
        var store = new SerializingPageStore();
        var core = new WindowCheckpoint { Window = window };
        var now = Start;
        long applied = 0;
        for (var step = 0; step < 30; step++)
        {
            now += 10_000;
            window.Apply(Batch(random, now, 10), now);
            applied += 10;
            await WindowPages.SaveAsync(store, core);
        }

        // The next checkpoint writes its pages (a fine bucket rolled into a coarse one, the slot
        // reused) but dies before its core row.
        now += 10_000;
        window.Apply(Batch(random, now, 10), now);
        store.Fails = name => name == WindowPages.Core;
        await Assert.ThrowsAsync<IOException>(() => WindowPages.SaveAsync(store, core));

        var restored = (await WindowPages.LoadAsync(store, options)).Window!;
        var total = restored.Summarize("m", "v", 60, now).TotalRequests;
        Assert.InRange(total, applied, applied + 10);
    }

    [Fact]
    public async Task A_version_never_checkpointed_restores_empty()
    {
        var restored = await WindowPages.LoadAsync(new SerializingPageStore(), Options);
        Assert.Equal(0, restored.Window!.TotalRecords);
        Assert.Empty(restored.Senders);
    }

    private static void AssertSameAnswers(VersionWindow expected, VersionWindow actual, long now)
    {
        foreach (var minutes in new[] { 1, 5, 60, 120, 24 * 60 })
        {
            Assert.Equal(Json(expected.Summarize("m", "v", minutes, now)), Json(actual.Summarize("m", "v", minutes, now)));
        }

        Assert.Equal(Json(expected.TimeSeries("m", "v", 180, 300, now)), Json(actual.TimeSeries("m", "v", 180, 300, now)));
        Assert.Equal(Json(expected.Health("v", TimeSpan.FromMinutes(5), now)), Json(actual.Health("v", TimeSpan.FromMinutes(5), now)));
        Assert.Equal(expected.TotalRecords, actual.TotalRecords);
        Assert.Equal(expected.Recent.Records, actual.Recent.Records);
        var query = new Monitor.Grains.Versions.RecordQuery { Limit = 1000 };
        Assert.Equal(
            expected.Records(query).SelectMany(s => s.Indices.Select(i => s.Batch.Ids[i])),
            actual.Records(query).SelectMany(s => s.Indices.Select(i => s.Batch.Ids[i])));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, MonitorJson.Options);

    private static Monitor.Grains.Ingest.PredictionBatch Batch(Random random, long now, int count, bool late = false)
    {
        var batch = new TestBatch("m", "v");
        for (var i = 0; i < count; i++)
        {
            var failed = random.NextDouble() < 0.05;
            var timestamp = late ? now - (long)(random.NextDouble() * 3_600_000) : now - random.Next(5_000);
            batch.Add(
                timestamp,
                Math.Round(-Math.Log(1 - random.NextDouble()) * 30, 3),
                confidence: Math.Round(0.5 + (random.NextDouble() / 2), 4),
                ok: !failed,
                error: failed ? "Timeout" : null,
                prediction: random.Next(2),
                id: $"r{now}-{i}",
                features: new() { ["amount"] = random.NextDouble() * 100, ["country"] = random.Next(3) == 0 ? "DE" : "FR" });
        }

        return batch.Build();
    }
}

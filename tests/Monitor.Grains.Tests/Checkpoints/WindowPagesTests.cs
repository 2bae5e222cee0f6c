using System.Globalization;
using System.Text.Json;
using Monitor.Grains.Windows;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// Window checkpoints in pages: what a restored window answers is what the original answered, a
/// checkpoint writes only what changed (measured in bytes), and a failed one is written by the next.
/// Interrupted checkpoints: <see cref="CheckpointCrashTests"/>.
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
        await Save(await Open(store, window));
        var restored = await Restore(store, Options);

        AssertSameAnswers(window, restored, now);
    }

    [Fact]
    public async Task A_checkpoint_writes_only_what_changed_since_the_last()
    {
        var window = new VersionWindow(Options);
        var random = new Random(11);
        var store = new SerializingPageStore();
        var checkpoints = await Open(store, window);
        var now = Start;

        // Two hours of history, checkpointed every 5 s as the grain does.
        for (var step = 0; step < 2 * 3600 / 5; step++)
        {
            now += 5_000;
            window.Apply(Batch(random, now, 100), now);
            await Save(checkpoints);
        }

        // The window's stored form: the core and the rows it names.
        var whole = store.Rows.Where(row => IsCurrent(checkpoints, row.Key)).Sum(row => (long)row.Value.Length);
        store.ResetCounts();
        const int rounds = 60;
        for (var step = 0; step < rounds; step++)
        {
            now += 5_000;
            window.Apply(Batch(random, now, 100), now);
            await Save(checkpoints);
        }

        var perCheckpoint = store.BytesWritten / rounds;
        output.WriteLine($"whole window {whole:N0} bytes ({store.StoredBytes:N0} stored with the spare rows); " +
            $"a checkpoint writes {perCheckpoint:N0} bytes in {store.Writes / (double)rounds:0.0} rows");

        // Writing the whole window each time would cost `whole` bytes per checkpoint.
        Assert.True(whole > 20 * perCheckpoint, $"the window's stored form is {whole:N0} bytes, a checkpoint {perCheckpoint:N0}");
        Assert.True(perCheckpoint < 48_000, $"a checkpoint wrote {perCheckpoint:N0} bytes on average (whole window {whole:N0})");
        Assert.True(store.Writes / rounds <= 6, $"a checkpoint wrote {store.Writes / (double)rounds:0.0} rows on average");

        // Each page slot has two rows at most: storage stays within twice the window.
        Assert.True(store.StoredBytes < 2 * whole, $"{store.StoredBytes:N0} bytes stored for a window of {whole:N0}");

        // An idle version's checkpoint writes the core row alone.
        store.ResetCounts();
        await Save(checkpoints);
        Assert.Equal(1, store.Writes);
    }

    [Fact]
    public async Task A_failed_checkpoint_is_written_whole_by_the_next_one()
    {
        var window = new VersionWindow(Options);
        var random = new Random(3);
        var store = new SerializingPageStore();
        var checkpoints = await Open(store, window);
        var now = Start + 60_000;
        window.Apply(Batch(random, now, 200), now);
        await Save(checkpoints);

        store.Fails = name => name.StartsWith("window.fine", StringComparison.Ordinal);
        now += 20_000;
        window.Apply(Batch(random, now, 200), now);
        await Assert.ThrowsAsync<IOException>(() => Save(checkpoints));

        store.Fails = _ => false;
        await Save(checkpoints);
        var restored = await Restore(store, Options);
        AssertSameAnswers(window, restored, now);
    }

    [Fact]
    public async Task A_version_never_checkpointed_restores_empty()
    {
        var checkpoints = await CheckpointStore.OpenAsync(new SerializingPageStore());
        Assert.Equal(0, (await WindowPages.LoadAsync(checkpoints, Options)).TotalRecords);
        Assert.Empty(checkpoints.Core.Senders);
    }

    // A checkpoint of the window alone, as the grain writes it with its other concerns.
    private static async Task Save(CheckpointStore checkpoints)
    {
        var writes = await checkpoints.BeginAsync();
        WindowPages.Write(writes, checkpoints.Core.Section<WindowCore>(WindowPart.PartName).Window!);
        await checkpoints.CommitAsync(writes);
    }

    internal static async Task<CheckpointStore> Open(SerializingPageStore store, VersionWindow window)
    {
        var checkpoints = await CheckpointStore.OpenAsync(store);
        checkpoints.Core.Section<WindowCore>(WindowPart.PartName).Window = window;
        return checkpoints;
    }

    // Row names are "family.slot" and "family.slot.b" (see PageTable).
    private static bool IsCurrent(CheckpointStore checkpoints, string row)
    {
        if (row == CheckpointStore.CoreRow)
        {
            return true;
        }

        var parts = row.Split('.');
        var slotAt = parts[^1] == "b" ? parts.Length - 2 : parts.Length - 1;
        return checkpoints.Core.Pages.Current(string.Join('.', parts[..slotAt]), int.Parse(parts[slotAt], CultureInfo.InvariantCulture)) == row;
    }

    internal static async Task<VersionWindow> Restore(SerializingPageStore store, VersionWindowOptions options) =>
        await WindowPages.LoadAsync(await CheckpointStore.OpenAsync(store), options);

    internal static void AssertSameAnswers(VersionWindow expected, VersionWindow actual, long now)
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

    internal static Monitor.Grains.Ingest.PredictionBatch Batch(Random random, long now, int count, bool late = false)
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

using System.IO.Compression;
using System.Text.Json;
using Monitor.Grains.Windows;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Tests.Checkpoints.Legacy;

/// <summary>
/// A window's checkpoint rows as an earlier build wrote them (<c>TestData/window-pages</c>: two hours of records at
/// default windows, so fine and coarse buckets, wrapped latency pages and recent segments, each row as Orleans'
/// serializer stored it; gzipped) and the figures that build served from the window, one JSON document a line. This build must read the rows back and
/// serve the same figures. <c>TestData/window-pages-packed</c> holds rows written once closed buckets kept their histogram,
/// data-quality counters and estimate cells packed. Set MONITOR_WINDOW_PAGES_OUT to a directory to write both files again with this build.
/// </summary>
public sealed class StoredWindowPagesTests
{
    public static readonly long WrittenAtMs = new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    [Theory]
    [InlineData("window-pages")]
    [InlineData("window-pages-packed")]
    public async Task Rows_written_by_the_earlier_build_read_back_with_the_figures_it_served(string data)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestData", data);
        var store = new SerializingPageStore();
        foreach (var (name, bytes) in ReadRows(Path.Combine(directory, "rows.bin.gz")))
        {
            store.Rows[name] = bytes;
        }

        var window = await WindowPagesTests.Restore(store, new VersionWindowOptions());
        using var figures = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(directory, "figures.json.gz")), CompressionMode.Decompress));
        var expected = figures.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, Figures(window));
        Assert.Equal(120 * 60 / 5 * 20, window.TotalRecords);
    }

    [Fact]
    public async Task Rows_written_now_read_back_with_the_same_figures()
    {
        var options = new VersionWindowOptions();
        var window = new VersionWindow(options);
        var store = new SerializingPageStore();
        var checkpoints = await WindowPagesTests.Open(store, window);
        var random = new Random(11);
        var now = WrittenAtMs - (2 * 3_600_000);
        while (now < WrittenAtMs)
        {
            now += 5_000;
            window.Apply(WindowPagesTests.Batch(random, now, 20, late: now % 970_000 < 5_000), now);
            var writes = await checkpoints.BeginAsync();
            WindowPages.Write(writes, window);
            await checkpoints.CommitAsync(writes);
        }

        var figures = Figures(window);
        Assert.Equal(figures, Figures(await WindowPagesTests.Restore(store, options)));
        if (Environment.GetEnvironmentVariable("MONITOR_WINDOW_PAGES_OUT") is { Length: > 0 } output)
        {
            WriteRows(Path.Combine(output, "rows.bin.gz"), store.Rows);
            using var file = new StreamWriter(new GZipStream(File.Create(Path.Combine(output, "figures.json.gz")), CompressionLevel.SmallestSize));
            file.Write(string.Join('\n', figures) + "\n");
        }
    }

    // What the API serves from a window, one JSON document per line, at the time the rows were written.
    private static string[] Figures(VersionWindow window) =>
    [
        .. new[] { 1, 5, 60, 120, 24 * 60 }.Select(minutes => Json(window.Summarize("m", "v", minutes, WrittenAtMs))),
        Json(window.TimeSeries("m", "v", 180, 300, WrittenAtMs)),
        Json(window.TimeSeries("m", "v", 60, 10, WrittenAtMs)),
        Json(window.Health("v", TimeSpan.FromMinutes(5), WrittenAtMs)),
        Json(window.Records(new Monitor.Grains.Versions.RecordQuery { Limit = 1000 })
            .SelectMany(s => s.Indices.Select(i => new { id = s.Batch.Ids[i], latency = s.Batch.LatenciesMs[i] }))),
    ];

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, MonitorJson.Options);

    private static void WriteRows(string path, IReadOnlyDictionary<string, byte[]> rows)
    {
        using var writer = new BinaryWriter(new GZipStream(File.Create(path), CompressionLevel.SmallestSize));
        writer.Write(rows.Count);
        foreach (var (name, bytes) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            writer.Write(name);
            writer.Write(bytes.Length);
            writer.Write(bytes);
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> ReadRows(string path)
    {
        using var reader = new BinaryReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var count = reader.ReadInt32();
        var rows = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            rows.Add((name, reader.ReadBytes(reader.ReadInt32())));
        }

        return rows;
    }
}

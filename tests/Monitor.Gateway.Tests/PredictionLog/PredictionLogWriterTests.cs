using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.PredictionLog;

namespace Monitor.Gateway.Tests.PredictionLog;

public sealed class PredictionLogWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new("monitor-predlog");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<PredictionLogWriter> _writers = [];

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _dir.Dispose();
    }

    private PredictionLogWriter NewWriter(Action<PredictionLogOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new PredictionLogOptions { Directory = _dir.Path };
        configure?.Invoke(options);
        var writer = new PredictionLogWriter(Options.Create(options), time ?? _time, NullLogger<PredictionLogWriter>.Instance);
        _writers.Add(writer);
        return writer;
    }

    private List<string> Files() => RollingLogFile.ListFiles(_dir.Path).Select(Path.GetFileName).ToList()!;

    [Fact]
    public async Task A_batch_becomes_one_line_per_record_in_todays_file()
    {
        var writer = NewWriter();
        await writer.StartAsync(default);

        Assert.True(writer.Append(TestRecord.Numeric("a", 100)));
        await writer.StopAsync(default);

        Assert.Equal(["predictions-20261124-000.jsonl"], Files());
        var lines = LogFiles.Lines(_dir.Path);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"a-{i}"), LogFiles.Ids(lines));
        using var doc = JsonDocument.Parse(lines[7]);
        Assert.Equal(3.5, doc.RootElement.GetProperty("features").GetProperty("f0").GetDouble());
        Assert.Equal(1, doc.RootElement.GetProperty("prediction").GetDouble());
        Assert.Equal(100, writer.WrittenRecords);
        Assert.Equal(0, writer.PendingRecords);
    }

    [Fact]
    public async Task Files_roll_by_size_without_splitting_lines()
    {
        const long max = 4096;
        var writer = NewWriter(o => o.MaxFileBytes = max);

        for (var b = 0; b < 10; b++)
        {
            writer.Append(TestRecord.Numeric($"b{b}", 50));
        }

        await writer.StopAsync(default);

        var files = RollingLogFile.ListFiles(_dir.Path);
        Assert.True(files.Count > 10, $"only {files.Count} files");
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, max));
        Assert.Equal(
            Enumerable.Range(0, files.Count).Select(i => $"predictions-20261124-{i:D3}.jsonl"),
            files.Select(Path.GetFileName));
        var ids = LogFiles.Ids(LogFiles.Lines(_dir.Path));
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(b => Enumerable.Range(0, 50).Select(i => $"b{b}-{i}")), ids);
    }

    [Fact]
    public async Task Files_roll_at_utc_midnight()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 59, 59, TimeSpan.Zero));
        var writer = NewWriter();
        await writer.StartAsync(default);

        writer.Append(TestRecord.Numeric("before", 10));
        await writer.FlushAsync();
        _time.Advance(TimeSpan.FromSeconds(2));
        writer.Append(TestRecord.Numeric("after", 10));
        await writer.StopAsync(default);

        Assert.Equal(["predictions-20261124-000.jsonl", "predictions-20261125-000.jsonl"], Files());
        Assert.All(LogFiles.Ids(LogFiles.ReadLines(Path.Combine(_dir.Path, "predictions-20261124-000.jsonl"))), id => Assert.StartsWith("before-", id));
        Assert.Equal(10, LogFiles.ReadLines(Path.Combine(_dir.Path, "predictions-20261125-000.jsonl")).Count);
        Assert.All(LogFiles.Ids(LogFiles.ReadLines(Path.Combine(_dir.Path, "predictions-20261125-000.jsonl"))), id => Assert.StartsWith("after-", id));
    }

    [Fact]
    public async Task Only_the_newest_files_are_retained()
    {
        var writer = NewWriter(o =>
        {
            o.MaxFileBytes = 4096;
            o.RetainedFiles = 3;
        });

        for (var b = 0; b < 10; b++)
        {
            writer.Append(TestRecord.Numeric($"b{b}", 50));
        }

        await writer.StopAsync(default);

        var files = Files();
        Assert.Equal(3, files.Count);
        var ids = LogFiles.Ids(LogFiles.Lines(_dir.Path));
        Assert.Equal("b9-49", ids[^1]);
        Assert.DoesNotContain("b0-0", ids);
    }

    [Fact]
    public async Task A_restart_continues_the_days_numbering_in_a_new_file()
    {
        var first = NewWriter();
        first.Append(TestRecord.Numeric("first", 5));
        await first.StopAsync(default);

        var second = NewWriter();
        second.Append(TestRecord.Numeric("second", 5));
        await second.StopAsync(default);

        Assert.Equal(["predictions-20261124-000.jsonl", "predictions-20261124-001.jsonl"], Files());
    }

    [Fact]
    public async Task Stopping_drains_every_accepted_batch()
    {
        var writer = NewWriter();
        await writer.StartAsync(default);

        for (var b = 0; b < 500; b++)
        {
            Assert.True(writer.Append(TestRecord.Numeric($"b{b}", 100)));
        }

        await writer.StopAsync(default);

        Assert.Equal(50_000, LogFiles.Lines(_dir.Path).Count);
        Assert.Equal(50_000, writer.WrittenRecords);
        Assert.Equal(0, writer.PendingRecords);
        Assert.Null(writer.CurrentFile);

        // After the stop, batches are refused and counted, not lost silently.
        Assert.False(writer.Append(TestRecord.Numeric("late", 7)));
        Assert.Equal(7, writer.RefusedRecords);
    }

    [Fact]
    public async Task Concurrent_appends_all_land_as_whole_lines()
    {
        var writer = NewWriter(o => o.MaxFileBytes = 64 * 1024);
        await writer.StartAsync(default);
        const int threads = 8, batches = 100, size = 10;

        var appenders = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var b = 0; b < batches; b++)
            {
                Assert.True(writer.Append(TestRecord.Numeric($"t{t}-b{b}", size, model: $"m{t}")));
            }
        })).ToList();
        appenders.ForEach(a => a.Start());
        appenders.ForEach(a => a.Join());
        await writer.StopAsync(default);

        var lines = LogFiles.Lines(_dir.Path);
        Assert.Equal(threads * batches * size, lines.Count);
        var ids = LogFiles.Ids(lines);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        // Each thread's batches keep their order.
        for (var t = 0; t < threads; t++)
        {
            var mine = ids.Where(id => id.StartsWith($"t{t}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, batches).SelectMany(b => Enumerable.Range(0, size).Select(i => $"t{t}-b{b}-{i}")), mine);
        }
    }

    [Fact]
    public async Task A_full_backlog_refuses_and_counts_instead_of_blocking_or_dropping_silently()
    {
        var writer = NewWriter(o => o.MaxPendingRecords = 150);

        // Not started: nothing drains, so the backlog fills.
        Assert.True(writer.Append(TestRecord.Numeric("a", 100)));
        Assert.False(writer.Append(TestRecord.Numeric("b", 100)));
        Assert.True(writer.Append(TestRecord.Numeric("c", 50)));
        Assert.False(writer.Append(TestRecord.Numeric("d", 1)));
        Assert.Equal(150, writer.PendingRecords);
        Assert.Equal(101, writer.RefusedRecords);

        await writer.StopAsync(default);

        var ids = LogFiles.Ids(LogFiles.Lines(_dir.Path));
        Assert.Equal(150, ids.Count);
        Assert.DoesNotContain(ids, id => id.StartsWith("b-", StringComparison.Ordinal) || id.StartsWith("d-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_batch_larger_than_the_backlog_is_taken_when_nothing_waits()
    {
        var writer = NewWriter(o => o.MaxPendingRecords = 10);

        Assert.True(writer.Append(TestRecord.Numeric("big", 100)));
        await writer.StopAsync(default);

        Assert.Equal(100, LogFiles.Lines(_dir.Path).Count);
    }

    [Fact]
    public async Task Lines_reach_the_file_within_the_flush_interval()
    {
        var writer = NewWriter(o => o.FlushInterval = TimeSpan.FromSeconds(1));
        await writer.StartAsync(default);

        writer.Append(TestRecord.Numeric("tail", 20));
        await Eventually.TrueAsync("20 records written", () => writer.WrittenRecords == 20 && writer.CurrentFile is not null);
        var path = writer.CurrentFile!;

        // Until the interval passes, the lines may sit in the writer's buffer; after it they are in the file.
        // The clock moves again while waiting: the writer may read the time just before an advance and
        // start its delay just after it, and then waits for the next interval.
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync("20 lines in the file", () =>
        {
            if (LogFiles.ReadLines(path).Count == 20)
            {
                return true;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
            return false;
        });

        await writer.StopAsync(default);
    }

    [Fact]
    public async Task FlushAsync_makes_everything_appended_before_it_readable()
    {
        var writer = NewWriter();
        await writer.StartAsync(default);

        writer.Append(TestRecord.Numeric("x", 30));
        await writer.FlushAsync();

        Assert.Equal(30, LogFiles.Lines(_dir.Path).Count);
        await writer.StopAsync(default);
    }

    [Fact]
    public async Task A_disabled_log_accepts_and_writes_nothing()
    {
        var directory = Path.Combine(_dir.Path, "off");
        var writer = NewWriter(o =>
        {
            o.Enabled = false;
            o.Directory = directory;
        });
        await writer.StartAsync(default);

        Assert.True(writer.Append(TestRecord.Numeric("x", 3)));
        await writer.FlushAsync();
        await writer.StopAsync(default);

        Assert.False(Directory.Exists(directory));
        Assert.Equal(0, writer.WrittenRecords);
    }
}

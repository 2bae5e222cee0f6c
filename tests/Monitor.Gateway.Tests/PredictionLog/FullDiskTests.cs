using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.PredictionLog;
using Xunit.Abstractions;

namespace Monitor.Gateway.Tests.PredictionLog;

/// <summary>
/// The prediction log on a full disk (a 2 MiB tmpfs): it refuses records at once for the retry interval,
/// then tries the same file again rather than opening a new one per failure, logs one error line per
/// interval with a count, keeps every file made of whole lines, and writes again once there is room.
/// Where the test cannot mount (not root) it says so in its output and checks nothing.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_disk_refuses_records_retries_the_same_file_and_logs_one_line_per_interval()
    {
        using var disk = SmallTmpfs.TryMount(out var reason);
        if (disk is null)
        {
            output.WriteLine($"Not run: {reason}. The full-disk test needs root to mount a tmpfs (CI runs as root).");
            return;
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var logger = new LineLogger();
        var options = new PredictionLogOptions
        {
            Directory = disk.Path,
            MaxFileBytes = 256 * 1024,
            MaxTotalBytes = 0,
            FailureRetryInterval = TimeSpan.FromSeconds(1),
            ErrorLogInterval = TimeSpan.FromSeconds(30),
        };
        await using var writer = new PredictionLogWriter(Options.Create(options), time, logger);

        // Fill the disk.
        var batches = 0;
        while (writer.FailedRecords == 0)
        {
            Assert.True(batches++ < 10_000, "the disk never filled");
            Assert.True(writer.HasRoom);
            writer.Append(TestRecord.Numeric($"fill{batches}", 200));
            await writer.FlushAsync();
        }

        Assert.False(writer.HasRoom);
        Assert.True(writer.RefusingAfterFailure);
        var filesWhenFull = RollingLogFile.ListFiles(disk.Path).Count;
        Assert.Equal(1, logger.Errors);

        // A minute of retries, one a second: each fails again in the same file, and only the interval's line is logged.
        for (var retry = 0; retry < 60; retry++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(writer.HasRoom, $"retry {retry}: still refusing after the retry interval");
            // Far larger than what cutting a file back to its last line can free (under a line and a page).
            writer.Append(TestRecord.Numeric($"retry{retry}", 2000));
            await writer.FlushAsync();
            Assert.False(writer.HasRoom, $"retry {retry}: a failed retry must refuse again; {string.Join(" | ", logger.Lines.TakeLast(4))}; files {string.Join(",", RollingLogFile.ListFiles(disk.Path).Select(f => new FileInfo(f).Length))}");
        }

        Assert.Equal(filesWhenFull, RollingLogFile.ListFiles(disk.Path).Count);
        Assert.InRange(logger.Errors, 2, 3);
        Assert.Contains(logger.Lines, l => l.Contains("failed writes lost", StringComparison.Ordinal) && !l.Contains(" 1 failed writes", StringComparison.Ordinal));

        // Room again: the oldest file goes, the next retry writes, and every file holds whole JSON lines.
        File.Delete(RollingLogFile.ListFiles(disk.Path)[0]);
        time.Advance(TimeSpan.FromSeconds(1));
        var failedBefore = writer.FailedRecords;
        writer.Append(TestRecord.Numeric("after", 10));
        await writer.FlushAsync();
        Assert.Equal(failedBefore, writer.FailedRecords);
        Assert.True(writer.HasRoom);
        Assert.Contains(logger.Lines, l => l.Contains("writes", StringComparison.Ordinal) && l.Contains("again", StringComparison.Ordinal));
        await writer.StopAsync(default);

        var ids = new List<string>();
        foreach (var file in RollingLogFile.ListFiles(disk.Path))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                ids.Add(JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!);
            }
        }

        Assert.Contains("after-9", ids);
    }

    private sealed class LineLogger : ILogger<PredictionLogWriter>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public int Errors => Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal));

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{logLevel} {formatter(state, exception)}");
    }
}

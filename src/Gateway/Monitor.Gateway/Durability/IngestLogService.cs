using System.Globalization;
using Monitor.Silo.Storage;

namespace Monitor.Gateway.Durability;

/// <summary>
/// Runs the ingest log: takes its directory (one gateway process per directory), starts a new segment after
/// those a previous process left, replays those into the versions once the cluster answers, then truncates
/// the log as checkpoints advance and, with <see cref="FsyncMode.Interval"/>, syncs it on its interval.
/// </summary>
public sealed partial class IngestLogService(
    string directory, DurabilityOptions options, IngestLogWriter writer, IngestLogReplay replay, IngestLogTruncation truncation,
    IngestLogMetrics metrics, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<IngestLogService> logger) : BackgroundService
{
    private FileStream? _lock;
    private IReadOnlyList<(long Segment, string Path)> _left = [];

    /// <summary>True once the calls a previous process left have been replayed.</summary>
    public bool Replayed { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            Replayed = true;
            return Task.CompletedTask;
        }

        PrivateFiles.EnsureDirectory(directory);
        try
        {
            _lock = new FileStream(Path.Combine(directory, "lock"), PrivateFiles.CreateOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 0));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"{DurabilityOptions.Section}:Directory {directory} is in use by another gateway process; each gateway needs a log directory of its own", ex);
        }

        _left = SegmentsOnDisk(directory);
        writer.Open(_left.Count == 0 ? 1 : _left[^1].Segment + 1);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        await base.StopAsync(cancellationToken);
        writer.Dispose();
        _lock?.Dispose();
    }

    /// <summary>The segment files in a log directory, oldest first.</summary>
    public static IReadOnlyList<(long Segment, string Path)> SegmentsOnDisk(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*" + IngestLogWriter.Extension)
            .Select(path => (Parsed: long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, Path: path))
            .Where(s => s.Parsed > 0)
            .Select(s => (s.Parsed, s.Path))
            .OrderBy(s => s.Parsed)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStarted(stoppingToken);
        if (_left.Count > 0)
        {
            LogReplaying(logger, _left.Count, directory);
            await replay.ReplayAsync(_left, stoppingToken);
        }

        Replayed = true;
        var fsync = options.Fsync == FsyncMode.Interval ? SyncOnInterval(stoppingToken) : Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await truncation.TruncateAsync(stoppingToken);
                metrics.Segments.Set(SegmentsOnDisk(directory).Count);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Whatever failed (a segment that cannot be deleted, a cancelled call), the log must keep being
                // truncated while the gateway runs, or it grows without bound.
                LogTruncateFailed(logger, ex, directory);
            }

            // The wait takes the stopping token on every path, so a gateway stopping after a failure does not wait
            // out the interval.
            try
            {
                await Task.Delay(options.TruncateInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await fsync;
    }

    private async Task SyncOnInterval(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.FsyncInterval, time, stoppingToken);
                writer.SyncIfDue();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException ex)
            {
                LogTruncateFailed(logger, ex, directory);
            }
        }
    }

    // The replay needs the co-hosted silo (or the cluster client) started, which comes after this service's start.
    private Task WhenStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying the ingest log: {Segments} segments a previous process left in {Directory}")]
    private static partial void LogReplaying(ILogger logger, int segments, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest log maintenance in {Directory} failed; it will be tried again")]
    private static partial void LogTruncateFailed(ILogger logger, Exception exception, string directory);
}

using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.PredictionLog;

/// <summary>
/// Writes every appended record to the rolling prediction log off the request path: <see cref="Append"/>
/// puts the batch on a channel; one background loop formats its records as JSON lines into a buffered file.
/// </summary>
/// <remarks>
/// <para>
/// Backlog: the channel itself is unbounded, but the records waiting in it are counted and capped at
/// <see cref="PredictionLogOptions.MaxPendingRecords"/>. Past the cap <see cref="Append"/> does not wait (the
/// request path must not block on disk): it refuses the batch, returns false, adds its records to
/// <see cref="RefusedRecords"/> and the <c>monitor.prediction_log.records.refused</c> counter, and logs a
/// warning (at most one per flush interval, with the running total). The caller can then refuse the request
/// with 503 rather than acknowledge records that will not be logged.
/// </para>
/// <para>
/// Flushing: lines go to the operating system every <see cref="PredictionLogOptions.FlushInterval"/> (so
/// <c>tail -f</c> sees them) and on <see cref="FlushAsync"/>; to disk (fsync) when a file is closed on a
/// roll and on stop. <see cref="StopAsync"/> stops taking batches, drains every accepted one, then flushes
/// and fsyncs: nothing accepted is lost on a graceful stop.
/// </para>
/// </remarks>
public sealed partial class PredictionLogWriter : IPredictionLog, IHostedService, IAsyncDisposable, IDisposable
{
    /// <summary>Name of the meter that carries the log's instruments.</summary>
    public const string MeterName = "Monitor.PredictionLog";

    private readonly PredictionLogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<PredictionBatch> _channel = Channel.CreateUnbounded<PredictionBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly Dictionary<PredictionBatch, TaskCompletionSource> _flushRequests = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _startLock = new();
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _writtenCounter;
    private readonly Counter<long> _refusedCounter;
    private readonly Counter<long> _failedCounter;
    private readonly Counter<long> _bytesCounter;

    private Task? _loop;
    private long _pending;
    private long _written;
    private long _refused;
    private long _failed;
    private long _lastRefusalReportTicks = long.MinValue;
    private long _lastRetentionTicks = long.MinValue;
    private long _unflushedRecords;
    private volatile string? _currentPath;
    private readonly LogWriteFailures _failures;

    public PredictionLogWriter(IOptions<PredictionLogOptions> options, TimeProvider time, ILogger<PredictionLogWriter> logger, IMeterFactory? meterFactory = null)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _failures = new LogWriteFailures(time, _options.FailureRetryInterval, _options.ErrorLogInterval);
        var meter = meterFactory?.Create(MeterName) ?? (_ownedMeter = new Meter(MeterName));
        _writtenCounter = meter.CreateCounter<long>("monitor.prediction_log.records.written", "{record}", "Records written to the prediction log.");
        _refusedCounter = meter.CreateCounter<long>("monitor.prediction_log.records.refused", "{record}", "Records refused by the prediction log because its backlog was full or it was stopping.");
        _failedCounter = meter.CreateCounter<long>("monitor.prediction_log.records.failed", "{record}", "Records accepted but lost to a file-system error or unwritable as JSON.");
        _bytesCounter = meter.CreateCounter<long>("monitor.prediction_log.bytes.written", "By", "Bytes written to prediction log files.");
        meter.CreateObservableGauge("monitor.prediction_log.records.pending", () => Volatile.Read(ref _pending), "{record}", "Records waiting to be written.");
    }

    /// <summary>Records queued and not yet written.</summary>
    public long PendingRecords => Volatile.Read(ref _pending);

    /// <summary>Records written to files since start.</summary>
    public long WrittenRecords => Volatile.Read(ref _written);

    /// <summary>Records refused by <see cref="Append"/> (backlog full, or stopping).</summary>
    public long RefusedRecords => Volatile.Read(ref _refused);

    /// <summary>Records accepted but lost to a file-system error or unwritable as JSON (each case logged as an error).</summary>
    public long FailedRecords => Volatile.Read(ref _failed);

    /// <summary>The file being written, if any.</summary>
    public string? CurrentFile => _currentPath;

    /// <inheritdoc />
    public bool HasRoom => !_options.Enabled || (Volatile.Read(ref _pending) < _options.MaxPendingRecords && !_failures.Refusing);

    /// <summary>True for <see cref="PredictionLogOptions.FailureRetryInterval"/> after a failed write (a full disk): the log refuses records at once.</summary>
    public bool RefusingAfterFailure => _options.Enabled && _failures.Refusing;

    /// <inheritdoc />
    public bool Append(PredictionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!_options.Enabled || batch.Count == 0)
        {
            return true;
        }

        var pending = Interlocked.Add(ref _pending, batch.Count);
        if (pending > _options.MaxPendingRecords && pending != batch.Count)
        {
            Interlocked.Add(ref _pending, -batch.Count);
            Refuse(batch, "its backlog is full");
            return false;
        }

        if (!_channel.Writer.TryWrite(batch))
        {
            Interlocked.Add(ref _pending, -batch.Count);
            Refuse(batch, "it is stopping");
            return false;
        }

        return true;
    }

    /// <summary>Completes once everything appended before the call is written and handed to the operating system.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // A per-request empty batch marks the position in the channel; the loop flushes when it reaches it.
        var marker = new PredictionBatch
        {
            Model = string.Empty, Version = string.Empty, Count = 0, TimestampsMs = [], LatenciesMs = [],
            Confidences = [], Succeeded = [], ErrorTypes = [], Ids = [], Features = [],
            Predictions = new PredictionColumn { Numbers = [] },
        };
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_flushRequests)
        {
            _flushRequests[marker] = done;
        }

        if (!_channel.Writer.TryWrite(marker))
        {
            lock (_flushRequests)
            {
                _flushRequests.Remove(marker);
            }

            // Stopping: the drain flushes everything.
            if (_loop is { } loop)
            {
                await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        _ = EnsureStarted();
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Enabled)
        {
            _ = EnsureStarted();
            LogStarted(Path.GetFullPath(_options.Directory), _options.MaxFileBytes, _options.MaxTotalBytes, _options.MaxAge, _options.RetainedFiles ?? 0);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops taking batches, writes every accepted one, flushes and fsyncs the file.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        _channel.Writer.TryComplete();
        var loop = EnsureStarted();
        try
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopTimedOut(PendingRecords);
            throw;
        }

        LogStopped(WrittenRecords, RefusedRecords, FailedRecords);
    }

    /// <summary>Like <see cref="DisposeAsync"/>: drains what was accepted, then closes the file.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_options.Enabled)
        {
            _channel.Writer.TryComplete();
            await EnsureStarted().ConfigureAwait(false);
        }

        _ownedMeter?.Dispose();
    }

    private Task EnsureStarted()
    {
        lock (_startLock)
        {
            return _loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        using var file = new RollingLogFile(_options.Directory, _options.MaxFileBytes, LogRetention.From(_options));
        var lines = new PredictionLogLineWriter();
        var lastFlush = _time.GetUtcNow();

        try
        {
            var ready = reader.WaitToReadAsync().AsTask();
            while (true)
            {
                if (!ready.IsCompleted && file.HasUnflushedData)
                {
                    // Wait for more batches, but no longer than the flush deadline.
                    var remaining = lastFlush + _options.FlushInterval - _time.GetUtcNow();
                    if (remaining > TimeSpan.Zero)
                    {
                        using var wake = new CancellationTokenSource();
                        var delay = Task.Delay(remaining, _time, wake.Token);
                        await Task.WhenAny(ready, delay).ConfigureAwait(false);
                        await wake.CancelAsync().ConfigureAwait(false);
                    }

                    if (!ready.IsCompleted)
                    {
                        Flush(file, toDisk: false);
                        lastFlush = _time.GetUtcNow();
                        continue;
                    }
                }

                if (!await ready.ConfigureAwait(false))
                {
                    break;
                }

                while (reader.TryRead(out var batch))
                {
                    if (batch.Count == 0)
                    {
                        CompleteFlushRequest(batch, file);
                        continue;
                    }

                    Write(batch, file, lines);
                }

                if (file.HasUnflushedData && _time.GetUtcNow() - lastFlush >= _options.FlushInterval)
                {
                    Flush(file, toDisk: false);
                    lastFlush = _time.GetUtcNow();
                }

                ApplyRetentionEveryMinute(file);

                ready = reader.WaitToReadAsync().AsTask();
            }
        }
        finally
        {
            CloseFile(file);
            CompleteAllFlushRequests();
        }
    }

    private void Write(PredictionBatch batch, RollingLogFile file, PredictionLogLineWriter lines)
    {
        var now = _time.GetUtcNow();
        var written = 0;
        var malformed = 0;
        var index = 0;
        long bytes = 0;
        try
        {
            lines.Begin(batch);
            for (; index < batch.Count; index++)
            {
                ReadOnlySpan<byte> line;
                try
                {
                    line = lines.Format(index);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    // One record that cannot be expressed as JSON costs that record, not the batch.
                    malformed++;
                    LogRecordUnwritable(ex, batch.Model, batch.Version, index);
                    continue;
                }

                file.Write(line, now);
                bytes += line.Length;
                written++;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // What the stream still buffered of this batch is gone with the cut-back file: all of it counts as lost.
            var lost = batch.Count - malformed;
            Interlocked.Add(ref _failed, lost);
            _failedCounter.Add(lost);
            var path = file.CurrentPath ?? _options.Directory;

            // The file may end in a partial line: cut it back and go on in the same file.
            file.Recover();
            if (_failures.Failed(lost) is { } report)
            {
                LogWriteFailed(ex, lost, batch.Model, batch.Version, path, report.Failures, report.Records, report.Over);
            }

            written = 0;
            bytes = 0;
        }
        finally
        {
            if (malformed > 0)
            {
                Interlocked.Add(ref _failed, malformed);
                _failedCounter.Add(malformed);
            }

            Interlocked.Add(ref _written, written);
            _unflushedRecords += written;
            Interlocked.Add(ref _pending, -batch.Count);
            _writtenCounter.Add(written);
            _bytesCounter.Add(bytes);
            _currentPath = file.CurrentPath;
        }
    }

    private void Flush(RollingLogFile file, bool toDisk)
    {
        try
        {
            var handedOver = file.HasUnflushedData;
            file.Flush(toDisk);
            _unflushedRecords = 0;

            // Only lines handed to the operating system show the disk has room again.
            if (handedOver && _failures.Succeeded() is { } recovered)
            {
                LogRecovered(file.CurrentPath ?? _options.Directory, recovered.Failures, recovered.Records);
            }
        }
        catch (IOException ex)
        {
            // What the stream buffered since the last flush is gone with the cut-back file.
            var lost = _unflushedRecords;
            _unflushedRecords = 0;
            Interlocked.Add(ref _failed, lost);
            _failedCounter.Add(lost);
            var path = file.CurrentPath ?? _options.Directory;
            file.Recover();
            if (_failures.Failed(lost) is { } report)
            {
                LogFlushFailed(ex, path, lost, report.Failures, report.Records, report.Over);
            }
        }
    }
}

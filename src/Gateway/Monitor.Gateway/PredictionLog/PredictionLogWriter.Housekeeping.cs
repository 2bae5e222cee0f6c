using Microsoft.Extensions.Logging;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.PredictionLog;

/// <summary>The prediction log's housekeeping: flush requests, refusals, retention, closing, and its log lines.</summary>
public sealed partial class PredictionLogWriter
{
    private void CompleteFlushRequest(PredictionBatch marker, RollingLogFile file)
    {
        TaskCompletionSource? done;
        lock (_flushRequests)
        {
            _flushRequests.Remove(marker, out done);
        }

        if (done is not null)
        {
            Flush(file, toDisk: false);
            done.TrySetResult();
        }
    }

    private void CompleteAllFlushRequests()
    {
        TaskCompletionSource[] all;
        lock (_flushRequests)
        {
            all = [.. _flushRequests.Values];
            _flushRequests.Clear();
        }

        foreach (var done in all)
        {
            done.TrySetResult();
        }
    }

    private void Refuse(PredictionBatch batch, string reason)
    {
        var total = Interlocked.Add(ref _refused, batch.Count);
        _refusedCounter.Add(batch.Count);

        var now = _time.GetTimestamp();
        var last = Volatile.Read(ref _lastRefusalReportTicks);
        if (last == long.MinValue || _time.GetElapsedTime(last, now) >= _options.FlushInterval)
        {
            if (Interlocked.CompareExchange(ref _lastRefusalReportTicks, now, last) == last)
            {
                LogRefused(batch.Count, batch.Model, batch.Version, reason, total, PendingRecords);
            }
        }
    }

    private void ApplyRetentionEveryMinute(RollingLogFile file)
    {
        var now = _time.GetTimestamp();
        if (_lastRetentionTicks != long.MinValue && _time.GetElapsedTime(_lastRetentionTicks, now) < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastRetentionTicks = now;
        file.ApplyRetention(_time.GetUtcNow());
    }

    private void CloseFile(RollingLogFile file)
    {
        try
        {
            file.Close();
        }
        catch (IOException ex)
        {
            var lost = _unflushedRecords;
            Interlocked.Add(ref _failed, lost);
            _failedCounter.Add(lost);
            LogCloseFailed(ex, _options.Directory, lost);
        }

        _unflushedRecords = 0;
        _currentPath = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction log writing to {Directory} (files up to {MaxFileBytes} bytes, keeping at most {MaxTotalBytes} bytes, {MaxAge} and {RetainedFiles} files; 0 = no bound)")]
    private partial void LogStarted(string directory, long maxFileBytes, long maxTotalBytes, TimeSpan maxAge, int retainedFiles);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction log writes {Path} again after {Failures} failed writes that lost {Records} records")]
    private partial void LogRecovered(string path, long failures, long records);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prediction log stopped: {Written} records written, {Refused} refused, {Failed} lost to file errors")]
    private partial void LogStopped(long written, long refused, long failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prediction log stop timed out with {Pending} records not yet written")]
    private partial void LogStopTimedOut(long pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prediction log refused {Count} records of {Model}/{Version} because {Reason}; {Total} refused so far, {Pending} pending")]
    private partial void LogRefused(int count, string model, string version, string reason, long total, long pending);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prediction log lost {Count} records of {Model}/{Version} writing {Path}; {Failures} failed writes lost {Records} records in the last {Over} (one line per interval); records are refused meanwhile")]
    private partial void LogWriteFailed(Exception exception, int count, string model, string version, string path, long failures, long records, TimeSpan over);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prediction log could not write record {Index} of a batch of {Model}/{Version} as JSON")]
    private partial void LogRecordUnwritable(Exception exception, string model, string version, int index);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prediction log could not flush {Path}, losing {Count} records; {Failures} failed writes lost {Records} records in the last {Over} (one line per interval); records are refused meanwhile")]
    private partial void LogFlushFailed(Exception exception, string path, long count, long failures, long records, TimeSpan over);

    [LoggerMessage(Level = LogLevel.Error, Message = "Prediction log could not close its file in {Path}, losing {Count} records")]
    private partial void LogCloseFailed(Exception exception, string path, long count);
}

namespace Monitor.Gateway.PredictionLog;

/// <summary>
/// The prediction log's failing writes, for two decisions: whether the log refuses records now (for
/// <see cref="PredictionLogOptions.FailureRetryInterval"/> after a failure, so ingest answers 503 at once
/// instead of waiting on a full disk), and when a failure is worth an error line (the first, then at most
/// one per <see cref="PredictionLogOptions.ErrorLogInterval"/> carrying the count since the last line).
/// Failures are recorded by the writer's one thread; <see cref="Refusing"/> is read by any.
/// </summary>
public sealed class LogWriteFailures(TimeProvider time, TimeSpan retryInterval, TimeSpan logInterval)
{
    private long _lastFailureTicks = long.MinValue;
    private long _lastReportTicks = long.MinValue;
    private long _unreportedFailures;
    private long _unreportedRecords;

    /// <summary>True while the last failure is more recent than the retry interval.</summary>
    public bool Refusing
    {
        get
        {
            var last = Volatile.Read(ref _lastFailureTicks);
            return last != long.MinValue && time.GetElapsedTime(last) < retryInterval;
        }
    }

    /// <summary>True after a failure until a write succeeds again.</summary>
    public bool Failing { get; private set; }

    /// <summary>Records a failure that lost <paramref name="records"/>; returns the line to log, or null when this one is only counted.</summary>
    public FailureReport? Failed(long records)
    {
        var now = time.GetTimestamp();
        Volatile.Write(ref _lastFailureTicks, now);
        Failing = true;
        _unreportedFailures++;
        _unreportedRecords += records;
        if (_lastReportTicks != long.MinValue && time.GetElapsedTime(_lastReportTicks, now) < logInterval)
        {
            return null;
        }

        var report = new FailureReport(_unreportedFailures, _unreportedRecords, _lastReportTicks == long.MinValue ? TimeSpan.Zero : time.GetElapsedTime(_lastReportTicks, now));
        _lastReportTicks = now;
        _unreportedFailures = 0;
        _unreportedRecords = 0;
        return report;
    }

    /// <summary>A write succeeded: returns the failures not yet reported, if any, and ends the failing state.</summary>
    public FailureReport? Succeeded()
    {
        if (!Failing)
        {
            return null;
        }

        Failing = false;
        Volatile.Write(ref _lastFailureTicks, long.MinValue);
        var report = new FailureReport(_unreportedFailures, _unreportedRecords, _lastReportTicks == long.MinValue ? TimeSpan.Zero : time.GetElapsedTime(_lastReportTicks));
        _lastReportTicks = long.MinValue;
        _unreportedFailures = 0;
        _unreportedRecords = 0;
        return report;
    }
}

/// <summary>Failed writes since the last error line: how many, the records they lost, over how long.</summary>
public readonly record struct FailureReport(long Failures, long Records, TimeSpan Over);

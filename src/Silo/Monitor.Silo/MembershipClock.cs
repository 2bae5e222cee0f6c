namespace Monitor.Silo;

/// <summary>
/// The clock Orleans' membership and watchdog read, with timestamps counted from when the silo was built
/// rather than from when the machine booted. Orleans' watchdog starts a thread that reads its
/// "last participant check" timestamp before the first check has set it; from 0, the elapsed time was
/// the machine's uptime, reported as an 8-minute (or 40-day) stall on every start. Counted from the
/// silo's own start, the same race reads a few milliseconds. Only the origin moves: differences,
/// time of day and timers are the wrapped clock's.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly long _origin;

    public MembershipClock(TimeProvider inner)
    {
        _inner = inner;
        _origin = inner.GetTimestamp();
    }

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp() - _origin;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);
}

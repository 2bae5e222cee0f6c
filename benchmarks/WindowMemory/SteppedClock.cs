namespace Monitor.Benchmarks.WindowMemory;

/// <summary>The simulated time: moved on by the traffic loop, read by the parser (which refuses records from the future).</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public long NowMs => Now.ToUnixTimeMilliseconds();

    public override DateTimeOffset GetUtcNow() => Now;
}

using Microsoft.Extensions.Time.Testing;
using Monitor.Silo;

namespace Monitor.Silo.Tests;

/// <summary>The membership clock counts timestamps from the silo's start, so a timestamp never set reads as the silo's age, not the machine's.</summary>
public sealed class MembershipClockTests
{
    [Fact]
    public void A_timestamp_never_set_reads_as_the_time_since_the_silo_was_built()
    {
        var machine = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        machine.Advance(TimeSpan.FromDays(40));
        var clock = new MembershipClock(machine);
        machine.Advance(TimeSpan.FromMilliseconds(30));

        Assert.Equal(TimeSpan.FromMilliseconds(30), clock.GetElapsedTime(0));
        Assert.True(machine.GetElapsedTime(0) > TimeSpan.FromDays(40), "the wrapped clock counts from long before");
    }

    [Fact]
    public void Differences_time_of_day_and_timers_are_the_wrapped_clocks()
    {
        var machine = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new MembershipClock(machine);
        var start = clock.GetTimestamp();
        var fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        machine.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), clock.GetElapsedTime(start));
        Assert.Equal(machine.GetUtcNow(), clock.GetUtcNow());
        Assert.Equal(machine.TimestampFrequency, clock.TimestampFrequency);
        Assert.Equal(1, fired);
    }
}

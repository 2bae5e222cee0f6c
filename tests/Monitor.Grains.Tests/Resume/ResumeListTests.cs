using Monitor.Grains.Versions;

namespace Monitor.Grains.Tests.Resume;

public sealed class ResumeListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Recent = TimeSpan.FromMinutes(15);

    [Fact]
    public void Reasons_are_written_at_once_traffic_times_later_and_repeats_not_at_all()
    {
        var list = new ResumeList(new ResumeListState());

        Assert.Equal(ResumeChange.Reason, list.Apply("m/v1", new ResumeMark(false, false, T0)));
        Assert.Equal(ResumeChange.None, list.Apply("m/v1", new ResumeMark(false, false, T0)));
        Assert.Equal(ResumeChange.Traffic, list.Apply("m/v1", new ResumeMark(false, false, T0.AddMinutes(5))));
        Assert.Equal(ResumeChange.Reason, list.Apply("m/v1", new ResumeMark(true, false, null)));
        Assert.Equal(ResumeChange.Reason, list.Apply("m/v1", new ResumeMark(true, true, null)));
    }

    [Fact]
    public void A_traffic_time_only_moves_forward()
    {
        var state = new ResumeListState();
        var list = new ResumeList(state);
        list.Apply("m/v1", new ResumeMark(false, false, T0.AddMinutes(5)));

        // A version activated again without traffic since reports no time; an older one never replaces a newer.
        Assert.Equal(ResumeChange.None, list.Apply("m/v1", new ResumeMark(false, false, null)));
        Assert.Equal(ResumeChange.None, list.Apply("m/v1", new ResumeMark(false, false, T0)));
        Assert.Equal(T0.AddMinutes(5), state.Versions["m/v1"].TrafficAt);
    }

    [Fact]
    public void Due_are_versions_with_alerts_then_by_recent_traffic_then_with_a_reference_and_the_rest_is_forgotten()
    {
        var state = new ResumeListState();
        var list = new ResumeList(state);
        var now = T0.AddHours(1);
        list.Apply("m/reference", new ResumeMark(false, true, T0));
        list.Apply("m/old-traffic", new ResumeMark(false, false, now - Recent - TimeSpan.FromSeconds(1)));
        list.Apply("m/traffic-early", new ResumeMark(false, false, now.AddMinutes(-10)));
        list.Apply("m/traffic-late", new ResumeMark(false, false, now.AddMinutes(-1)));
        list.Apply("m/alerts", new ResumeMark(true, false, T0));
        list.Apply("m/quiet", new ResumeMark(false, false, null));

        Assert.Equal(["m/alerts", "m/traffic-late", "m/traffic-early", "m/reference"], list.Due(now, Recent));
        Assert.True(list.Prune(now, Recent));
        Assert.Equal(["m/alerts", "m/reference", "m/traffic-early", "m/traffic-late"], state.Versions.Keys.Order(StringComparer.Ordinal));
        Assert.False(list.Prune(now, Recent));
    }
}

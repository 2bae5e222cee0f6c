using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.ModelServers;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.Tests.ModelServers;

public sealed class PendingExchangesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static ServedRequest Request(string key) =>
        new("kserve", key, "m", key, 0, FeatureRows.None(1), null, VersionHints.None, ModelMapping.Default);

    private static ServedResponse Response(string key) =>
        new("kserve", key, "m", 5, new PredictionValues(1, [1], null, [double.NaN]), null, null);

    [Fact]
    public void Either_half_may_come_first_and_a_resent_half_is_a_duplicate()
    {
        var table = new PendingExchanges(_time, TimeSpan.FromSeconds(10), 100);
        var expired = new List<ExpiredExchange>();
        Assert.Equal(ExchangeStepKind.Waiting, table.Offer(Response("a"), expired).Kind);
        Assert.Equal(ExchangeStepKind.Duplicate, table.Offer(Response("a"), expired).Kind);
        var joined = table.Offer(Request("a"), expired);
        Assert.Equal(ExchangeStepKind.Joined, joined.Kind);
        Assert.Equal("a", joined.Request!.Key);
        Assert.Equal(ExchangeStepKind.Duplicate, table.Offer(Request("a"), expired).Kind);
        Assert.Equal(0, table.Waiting);
        Assert.Empty(expired);
    }

    [Fact]
    public void Halves_alone_past_the_timeout_leave_as_expired_and_their_ids_are_then_forgotten()
    {
        var table = new PendingExchanges(_time, TimeSpan.FromSeconds(10), 100);
        var expired = new List<ExpiredExchange>();
        table.Offer(Request("r"), expired);
        table.Offer(Response("o"), expired);
        _time.Advance(TimeSpan.FromSeconds(9));
        table.Sweep(expired);
        Assert.Empty(expired);

        _time.Advance(TimeSpan.FromSeconds(1));
        table.Sweep(expired);
        Assert.Equal(2, expired.Count);
        Assert.Equal("r", expired.Single(e => e.Request is not null).Request!.Key);
        Assert.Equal(10_000, expired[0].WaitedMs);
        Assert.False(expired[0].Evicted);
        Assert.Equal(0, table.Waiting);
        Assert.Equal(ExchangeStepKind.Waiting, table.Offer(Request("r"), []).Kind);
    }

    [Fact]
    public void A_full_table_evicts_its_oldest_entry_and_a_restored_request_joins_again()
    {
        var table = new PendingExchanges(_time, TimeSpan.FromSeconds(10), 2);
        var expired = new List<ExpiredExchange>();
        table.Offer(Request("1"), expired);
        table.Offer(Request("2"), expired);
        table.Offer(Request("3"), expired);
        var evicted = Assert.Single(expired);
        Assert.True(evicted.Evicted);
        Assert.Equal("1", evicted.Request!.Key);

        var joined = table.Offer(Response("2"), expired);
        Assert.Equal(ExchangeStepKind.Joined, joined.Kind);
        table.Restore(joined.Request!);
        Assert.Equal(ExchangeStepKind.Joined, table.Offer(Response("2"), expired).Kind);
    }
}

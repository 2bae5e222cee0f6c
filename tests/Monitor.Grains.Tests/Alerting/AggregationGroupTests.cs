using Monitor.Grains.Alerting;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>The grouping timings and deduplication, after Alertmanager's acceptance tests (merge, repeat, resolved, batching).</summary>
public sealed class AggregationGroupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private static readonly ResolvedRoute Route = new("default", ["hook"], ["alertname"], TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

    private readonly AggregationGroup _group = new(new AggregationGroupState { GroupId = "default:x", GroupKey = "default:{alertname=\"Errors\"}" });
    private readonly Dictionary<string, ChannelConfig> _channels = new()
    {
        ["hook"] = new ChannelConfig { Name = "hook", Kind = ChannelKind.Webhook, Url = "http://127.0.0.1:1/" },
        ["quiet"] = new ChannelConfig { Name = "quiet", Kind = ChannelKind.Webhook, Url = "http://127.0.0.1:1/", SendResolved = false },
        ["am"] = new ChannelConfig { Name = "am", Kind = ChannelKind.Alertmanager, Url = "http://127.0.0.1:1/" },
    };

    private static GroupAlert Alert(string version, DateTimeOffset startsAt, DateTimeOffset? endsAt = null, bool muted = false)
    {
        var labels = LabelSet.From(new Dictionary<string, string> { ["alertname"] = "Errors", ["model"] = "fraud", ["version"] = version });
        return new GroupAlert { Fingerprint = labels.Fingerprint(), Labels = labels, Annotations = LabelSet.Empty, StartsAt = startsAt, EndsAt = endsAt, Muted = muted };
    }

    private void Insert(DateTimeOffset now, params GroupAlert[] alerts) =>
        _group.Insert(new GroupUpdate(Route, LabelSet.From(new Dictionary<string, string> { ["alertname"] = "Errors" }), alerts), now);

    private List<Notification> Run(DateTimeOffset now)
    {
        var sent = _group.Due(now, name => _channels.GetValueOrDefault(name), TimeSpan.FromMinutes(1));
        foreach (var n in sent)
        {
            _group.Settle(n.Channel, n.Id, DeliveryOutcome.Delivered);
        }

        return sent;
    }

    [Fact]
    public void Alerts_arriving_within_group_wait_are_merged_into_one_notification()
    {
        Insert(T0, Alert("v1", T0));
        Assert.Equal(T0.AddSeconds(30), _group.NextDue);
        Assert.Empty(Run(T0.AddSeconds(29)));
        Insert(T0.AddSeconds(10), Alert("v2", T0.AddSeconds(10)));

        var sent = Assert.Single(Run(T0.AddSeconds(30)));
        Assert.Equal(2, sent.Alerts.Length);
        Assert.Equal("firing", sent.Status);
        Assert.Equal(T0.AddSeconds(30) + Route.GroupInterval, _group.NextDue);
    }

    [Fact]
    public void An_alert_older_than_group_wait_is_sent_at_once()
    {
        Insert(T0, Alert("v1", T0.AddMinutes(-5)));
        Assert.Equal(T0, _group.NextDue);
        Assert.Single(Run(T0));
    }

    [Fact]
    public void New_firing_alerts_wait_for_the_group_interval_and_unchanged_groups_repeat_after_repeat_interval()
    {
        Insert(T0, Alert("v1", T0));
        Assert.Single(Run(T0.AddSeconds(30)));

        // Nothing changed: no notification at the next flushes.
        var flush = T0.AddSeconds(30);
        for (var i = 1; i <= 11; i++)
        {
            Assert.Empty(Run(flush + (i * Route.GroupInterval)));
        }

        // repeat_interval (1h) has passed at the 12th flush after the first: repeated.
        var repeated = Assert.Single(Run(flush + (12 * Route.GroupInterval) + TimeSpan.FromSeconds(1)));
        Assert.Single(repeated.Alerts);
    }

    [Fact]
    public void A_new_firing_alert_is_sent_at_the_next_group_interval()
    {
        Insert(T0, Alert("v1", T0));
        Run(T0.AddSeconds(30));
        Insert(T0.AddMinutes(1), Alert("v2", T0.AddMinutes(1)));
        Assert.Empty(Run(T0.AddMinutes(1)));
        var sent = Assert.Single(Run(T0.AddSeconds(30) + Route.GroupInterval));
        Assert.Equal(2, sent.Alerts.Length);
    }

    [Fact]
    public void Resolution_is_notified_once_and_empties_the_group()
    {
        var a = Alert("v1", T0);
        Insert(T0, a);
        Run(T0.AddSeconds(30));
        Insert(T0.AddMinutes(2), a with { EndsAt = T0.AddMinutes(2) });

        var resolved = Assert.Single(Run(T0.AddSeconds(30) + Route.GroupInterval));
        Assert.Equal("resolved", resolved.Status);
        Assert.True(_group.IsEmpty);
        Assert.Null(_group.NextDue);

        // The group starts over: a new alert waits group_wait again.
        var later = T0.AddHours(1);
        Insert(later, Alert("v1", later));
        Assert.Equal(later.AddSeconds(30), _group.NextDue);
    }

    [Fact]
    public void Muted_alerts_are_left_out_and_a_fully_muted_group_sends_nothing()
    {
        Insert(T0, Alert("v1", T0, muted: true), Alert("v2", T0));
        var sent = Assert.Single(Run(T0.AddSeconds(30)));
        Assert.Equal("v2", Assert.Single(sent.Alerts).Labels["version"]);

        Insert(T0.AddMinutes(1), Alert("v2", T0, muted: true));
        Assert.Empty(Run(T0.AddSeconds(30) + Route.GroupInterval));
    }

    [Fact]
    public void Without_send_resolved_a_partial_resolution_waits_for_repeat_but_the_end_is_still_cleared()
    {
        _channels["hook"] = _channels["quiet"] with { Name = "hook" };
        var a = Alert("v1", T0);
        Insert(T0, a, Alert("v2", T0));
        Run(T0.AddSeconds(30));
        Insert(T0.AddMinutes(1), a with { EndsAt = T0.AddMinutes(1) });
        Assert.Empty(Run(T0.AddSeconds(30) + Route.GroupInterval));
    }

    [Fact]
    public void A_failed_notification_restores_the_log_so_the_next_flush_tries_again()
    {
        Insert(T0, Alert("v1", T0));
        var first = Assert.Single(_group.Due(T0.AddSeconds(30), name => _channels.GetValueOrDefault(name), TimeSpan.FromMinutes(1)));
        Assert.Contains("hook", _group.State.Outbox.Keys);
        Assert.True(_group.Settle("hook", first.Id, DeliveryOutcome.Failed));
        Assert.Empty(_group.State.Outbox);
        Assert.Single(Run(T0.AddSeconds(30) + Route.GroupInterval));
    }

    [Fact]
    public void Alertmanager_channels_get_firing_alerts_every_resend_interval()
    {
        _group.State.Route = Route with { Channels = ["am"] };
        _group.Insert(new GroupUpdate(Route with { Channels = ["am"] }, LabelSet.Empty, [Alert("v1", T0)]), T0);
        var first = Assert.Single(Run(T0.AddSeconds(30)));
        Assert.True(first.Forward);
        Assert.Equal(T0.AddSeconds(90), _group.NextDue);
        Assert.True(Assert.Single(Run(T0.AddSeconds(90))).Forward);
    }

    [Theory]
    [InlineData(new string[0], new[] { "a" }, true)]
    [InlineData(new[] { "a" }, new string[0], true)]
    [InlineData(new string[0], new string[0], false)]
    [InlineData(new[] { "a" }, new[] { "a", "b" }, true)]
    [InlineData(new[] { "a", "b" }, new[] { "a" }, false)]
    public void Dedup_matches_alertmanagers_needs_update(string[] logged, string[] firing, bool expected)
    {
        var entry = new NotifyLogEntry(logged, [], T0);
        Assert.Equal(expected, AggregationGroup.NeedsUpdate(entry, firing.ToHashSet(), new HashSet<string>(), true, TimeSpan.FromHours(1), T0.AddMinutes(5)));
    }
}

using Monitor.Grains.Alerting;

namespace Monitor.Grains.Tests.Alerting;

public sealed class AlertRoutingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static LabelSet Labels(string severity, string version = "v1", string alertname = "Errors") =>
        LabelSet.From(new Dictionary<string, string> { ["alertname"] = alertname, ["model"] = "fraud", ["version"] = version, ["severity"] = severity });

    [Fact]
    public void Routes_match_in_order_continue_goes_on_and_unmatched_alerts_take_the_default()
    {
        var routing = AlertRouting.Initial with
        {
            Routes =
            [
                new AlertRoute { Name = "pager", Matchers = [new LabelMatcher("severity", MatchOperator.Equal, "critical")], Channels = ["pd"], Continue = true },
                new AlertRoute { Name = "chat", Matchers = [new LabelMatcher("model", MatchOperator.Regex, "fraud|churn")], Channels = ["slack"], GroupBy = ["model"] },
                new AlertRoute { Name = "never", Channels = ["mail"] },
            ],
        };

        var critical = AlertRouter.Route(routing, Labels("critical"), null);
        Assert.Equal(["pager", "chat"], critical.Select(r => r.Route.Name));
        Assert.Equal("{model=\"fraud\"}", critical[1].GroupLabels.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), critical[1].Route.GroupWait);

        Assert.Equal(["chat"], AlertRouter.Route(routing, Labels("warning"), null).Select(r => r.Route.Name));
        var other = LabelSet.From(new Dictionary<string, string> { ["model"] = "ads" });
        Assert.Equal(["never"], AlertRouter.Route(routing, other, null).Select(r => r.Route.Name));
        Assert.Equal(["default"], AlertRouter.Route(routing with { Routes = [] }, other, "rollback").Take(1).Select(r => r.Route.Name));
        Assert.Equal("action:rollback", AlertRouter.Route(routing with { Routes = [] }, other, "rollback")[1].Route.Name);
    }

    [Fact]
    public void Alerts_of_different_group_labels_form_different_groups()
    {
        var routing = AlertRouting.Initial;
        var v1 = AlertRouter.Route(routing, Labels("warning", "v1"), null).Single();
        var v2 = AlertRouter.Route(routing, Labels("warning", "v2"), null).Single();
        Assert.NotEqual(v1.GroupId, v2.GroupId);
        Assert.Equal("default:{alertname=\"Errors\", model=\"fraud\", version=\"v1\"}", v1.GroupKey);
    }

    [Fact]
    public void A_critical_alert_inhibits_the_warning_of_the_same_version_only()
    {
        var state = new ModelAlertsState();
        var book = new ModelAlertBook(state, 100);
        var snapshot = new AlertingSnapshot(AlertRuleSet.Empty, new AlertingConfig(1, [], AlertRouting.Initial), SilenceSet.Empty);
        AlertUpdate Update(LabelSet labels) => new() { Labels = labels, Annotations = LabelSet.Empty, StartsAt = T0, ValidUntil = T0.AddMinutes(4) };

        var critical = Update(Labels("critical", "v1", "Errors"));
        book.Apply([Update(Labels("warning", "v1", "Latency")), Update(Labels("warning", "v2", "Latency")), critical], T0);
        book.Mute(snapshot, T0);

        var inhibited = state.Alerts.Values.Single(a => a.IsMuted);
        Assert.Equal("v1", inhibited.Alert.Labels["version"]);
        Assert.Equal([critical.Fingerprint], inhibited.InhibitedBy);

        book.Apply([critical with { EndsAt = T0.AddMinutes(1) }], T0.AddMinutes(1));
        book.Mute(snapshot, T0.AddMinutes(1));
        Assert.DoesNotContain(state.Alerts.Values, a => a.IsMuted);
        Assert.Equal(["firing", "firing", "firing", "inhibited", "resolved", "unmuted"], state.History.Select(e => e.Event));
    }

    [Fact]
    public void Silences_mute_between_start_and_end()
    {
        var state = new ModelAlertsState();
        var book = new ModelAlertBook(state, 100);
        var silence = new Silence
        {
            Id = "s1",
            Matchers = [new LabelMatcher("version", MatchOperator.Equal, "v1")],
            StartsAt = T0.AddMinutes(1),
            EndsAt = T0.AddMinutes(2),
            CreatedBy = "oncall",
            Comment = "deploy",
        };
        var snapshot = new AlertingSnapshot(AlertRuleSet.Empty, new AlertingConfig(1, [], AlertRouting.Initial), new SilenceSet(1, [silence]));
        book.Apply([new AlertUpdate { Labels = Labels("warning"), Annotations = LabelSet.Empty, StartsAt = T0, ValidUntil = T0.AddHours(1) }], T0);
        book.Mute(snapshot, T0);
        Assert.False(state.Alerts.Values.Single().IsMuted);
        book.Mute(snapshot, T0.AddMinutes(1));
        Assert.Equal(["s1"], state.Alerts.Values.Single().SilencedBy);
        book.Mute(snapshot, T0.AddMinutes(2));
        Assert.False(state.Alerts.Values.Single().IsMuted);
    }

    [Fact]
    public void An_alert_not_resent_in_time_stays_firing_while_its_version_holds_it_and_resolves_once_it_does_not()
    {
        var state = new ModelAlertsState();
        var book = new ModelAlertBook(state, 100);
        var held = new AlertUpdate { Labels = Labels("warning", "v1"), Annotations = LabelSet.Empty, StartsAt = T0, ValidUntil = T0.AddMinutes(4) };
        var gone = held with { Labels = Labels("warning", "v2") };
        book.Apply([held, gone], T0);
        Assert.Empty(book.Overdue(T0.AddMinutes(4)));

        var overdue = book.Overdue(T0.AddMinutes(5)).Select(a => a.Fingerprint).ToArray();
        Assert.Equal(2, overdue.Length);
        book.Confirm(overdue, new HashSet<string> { held.Fingerprint }, T0.AddMinutes(5), T0.AddMinutes(9));

        Assert.Equal([held.Fingerprint], state.Alerts.Keys);
        Assert.Equal(T0.AddMinutes(9), state.Alerts[held.Fingerprint].Alert.ValidUntil);
        Assert.Equal(["firing", "firing", "resolved"], state.History.Select(e => e.Event));
        Assert.Equal(gone.Fingerprint, state.History[^1].Fingerprint);
        Assert.Empty(book.Overdue(T0.AddMinutes(9)));
    }

    [Fact]
    public void An_alert_whose_version_cannot_be_asked_keeps_firing()
    {
        var state = new ModelAlertsState();
        var book = new ModelAlertBook(state, 100);
        var update = new AlertUpdate { Labels = Labels("critical"), Annotations = LabelSet.Empty, StartsAt = T0, ValidUntil = T0.AddMinutes(4) };
        book.Apply([update], T0);

        book.Extend(book.Overdue(T0.AddMinutes(5)).Select(a => a.Fingerprint), T0.AddMinutes(9));

        Assert.Single(state.Alerts);
        Assert.Empty(book.Overdue(T0.AddMinutes(8)));
        Assert.DoesNotContain(state.History, e => e.Event == "resolved");
    }
}

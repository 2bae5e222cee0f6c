using Monitor.Grains.Alerting;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions;
using Monitor.Testing.Receivers;
using Prometheus;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>
/// Version grain to model alert grain to group grain to delivery, on the fake clock, with real HTTP
/// receivers: Alertmanager's acceptance scenarios end to end inside the cluster.
/// </summary>
[Collection(AlertingCollection.Name)]
public sealed class AlertPipelineTests(AlertingClusterFixture fixture)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task Configure(string model, AlertRoute route, params ChannelConfig[] channels)
    {
        var config = fixture.Grains.GetGrain<IAlertingConfigGrain>(0);
        foreach (var channel in channels)
        {
            Assert.Null((await config.PutChannel(channel, createOnly: false)).Problem);
        }

        var current = (await config.GetConfig()).Routing;
        var routes = current.Routes.Where(r => r.Name != route.Name).Append(route).ToArray();
        Assert.Null((await config.PutRouting(current with { Routes = routes })).Problem);
        var rule = new AlertRule
        {
            Name = $"Errors_{model}",
            Model = model,
            Metric = VersionMetricNames.ErrorRate,
            WindowMinutes = 1,
            Comparator = RuleComparator.Greater,
            Threshold = 0.1,
            For = TimeSpan.FromSeconds(30),
            Severity = AlertSeverity.Critical,
            MinSamples = 5,
            Annotations = LabelSet.From(new Dictionary<string, string> { ["summary"] = "error rate {{ $value }}" }),
        };
        Assert.Null((await fixture.Grains.GetGrain<IAlertRulesGrain>(0).Put(rule, createOnly: false)).Problem);
    }

    private async Task Traffic(string model, string version, double errorShare, int records = 40)
    {
        var batch = new TestBatch(model, version);
        for (var i = 0; i < records; i++)
        {
            batch.Add(Now.ToUnixTimeMilliseconds() - 100, 10, ok: i >= errorShare * records, error: i >= errorShare * records ? null : "Timeout");
        }

        await fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).Ingest([batch.Build()]);
    }

    /// <summary>Advances the clock and waits until the version, model and group grains have run what came due.</summary>
    private async Task Advance(TimeSpan by, string model, params string[] versions)
    {
        fixture.Time.Advance(by);
        foreach (var version in versions)
        {
            await fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).GetRuleStates();
        }

        var alerts = await fixture.Grains.GetGrain<IModelAlertsGrain>(model).GetAlerts();
        foreach (var group in alerts.SelectMany(a => a.Groups).Distinct())
        {
            await fixture.Grains.GetGrain<IAlertGroupGrain>(group).GetGroup();
        }
    }

    private async Task<string> State(string model, string version) =>
        (await fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).GetRuleStates()).Single(s => s.Rule == $"Errors_{model}").State;

    private static ChannelConfig Hook(string name, LoopbackReceiver receiver, ChannelKind kind = ChannelKind.Webhook) =>
        new() { Name = name, Kind = kind, Url = receiver.Url + "/" + name };

    [Fact]
    public async Task Fires_notifies_every_channel_while_one_fails_and_resolves()
    {
        await using var hook = new LoopbackReceiver();
        await using var slack = new LoopbackReceiver();
        await using var broken = new LoopbackReceiver(_ => (503, "down"));
        await Configure("pipe", new AlertRoute
        {
            Name = "pipe",
            Matchers = [new LabelMatcher("model", MatchOperator.Equal, "pipe")],
            Channels = ["pipe-hook", "pipe-slack", "pipe-broken"],
            GroupBy = ["alertname", "model"],
            GroupWait = TimeSpan.FromSeconds(30),
            GroupInterval = TimeSpan.FromMinutes(1),
            RepeatInterval = TimeSpan.FromHours(1),
        }, Hook("pipe-hook", hook), Hook("pipe-slack", slack, ChannelKind.Slack), Hook("pipe-broken", broken));
        var failuresBefore = Counter("pipe-broken", "failure");

        await Traffic("pipe", "v1", 0.5);
        await Advance(Tick, "pipe", "v1");
        Assert.Equal("pending", await State("pipe", "v1"));
        await Traffic("pipe", "v1", 0.5);
        await Advance(Tick, "pipe", "v1");
        await Advance(Tick, "pipe", "v1");
        Assert.Equal("firing", await State("pipe", "v1"));
        var firing = Assert.Single(await fixture.Grains.GetGrain<IModelAlertsGrain>("pipe").GetAlerts());
        Assert.Equal("critical", firing.Alert.Labels["severity"]);

        // The alert has been active (pending) for longer than group_wait: Alertmanager sends such a group at once.
        var notified = await hook.WaitForAsync(r => r.Path == "/pipe-hook");
        Assert.Equal("firing", notified.Json.GetProperty("status").GetString());
        Assert.Equal(firing.Fingerprint, notified.Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString());
        await slack.WaitForAsync(r => r.Json.GetProperty("text").GetString()!.StartsWith("[FIRING:1]", StringComparison.Ordinal));

        // The failing channel is retried with backoff (1 s, 2 s, jittered) on the fake clock, then given up.
        await broken.WaitForAsync(_ => true);
        for (var i = 0; i < 6 && broken.Requests.Count < 3; i++)
        {
            await Task.Delay(200);
            fixture.Time.Advance(TimeSpan.FromSeconds(2));
        }

        await broken.WaitForAsync(_ => broken.Requests.Count >= 3);
        await Eventually.TrueAsync("the broken channel given up", () => Counter("pipe-broken", "failure") > failuresBefore);
        Assert.Single(hook.Requests);
        Assert.Single(slack.Requests);

        // Healthy traffic: the 1-minute window empties of errors, the alert resolves and the channels hear it.
        for (var i = 0; i < 6; i++)
        {
            await Traffic("pipe", "v1", 0);
            await Advance(Tick, "pipe", "v1");
        }

        Assert.Equal("inactive", await State("pipe", "v1"));
        Assert.Empty(await fixture.Grains.GetGrain<IModelAlertsGrain>("pipe").GetAlerts());
        await Advance(TimeSpan.FromMinutes(1), "pipe", "v1");
        var resolved = await hook.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "resolved");
        Assert.Equal("resolved", resolved.Json.GetProperty("alerts")[0].GetProperty("status").GetString());
        var history = await fixture.Grains.GetGrain<IModelAlertsGrain>("pipe").GetHistory();
        Assert.Equal(["resolved", "firing"], history.Select(e => e.Event));
    }

    [Fact]
    public async Task A_slow_channel_times_out_without_delaying_the_others()
    {
        var release = new TaskCompletionSource();
        await using var slow = new LoopbackReceiver { HoldUntil = release.Task };
        await using var fast = new LoopbackReceiver();
        await Configure("slow", new AlertRoute
        {
            Name = "slow",
            Matchers = [new LabelMatcher("model", MatchOperator.Equal, "slow")],
            Channels = ["slow-hook", "fast-hook"],
        }, Hook("slow-hook", slow) with { Timeout = TimeSpan.FromSeconds(5) }, Hook("fast-hook", fast));
        var timeoutsBefore = Counter("slow-hook", "retry");
        for (var i = 0; i < 4; i++)
        {
            await Traffic("slow", "v1", 0.5);
            await Advance(Tick, "slow", "v1");
        }

        // The fast channel is told while the slow one still holds its request.
        await fast.WaitForAsync(_ => true);
        Assert.Empty(slow.Requests);

        fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await Eventually.TrueAsync("the slow channel retried", () => Counter("slow-hook", "retry") > timeoutsBefore);
        release.SetResult();
    }

    [Fact]
    public async Task Alert_state_survives_deactivation_of_the_version()
    {
        await using var hook = new LoopbackReceiver();
        await Configure("durable", new AlertRoute
        {
            Name = "durable",
            Matchers = [new LabelMatcher("model", MatchOperator.Equal, "durable")],
            Channels = ["durable-hook"],
        }, Hook("durable-hook", hook));
        await Traffic("durable", "v1", 0.5);
        await Advance(Tick, "durable", "v1");
        var grain = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of("durable", "v1"));
        var pending = (await grain.GetRuleStates()).Single(s => s.Rule == "Errors_durable");
        Assert.Equal("pending", pending.State);

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        var restored = (await grain.GetRuleStates()).Single(s => s.Rule == "Errors_durable");
        Assert.Equal("pending", restored.State);
        Assert.Equal(pending.ActiveAt, restored.ActiveAt);
    }

    [Fact]
    public async Task A_silence_mutes_notifications_and_its_expiry_brings_them_back()
    {
        await using var hook = new LoopbackReceiver();
        await Configure("quiet", new AlertRoute
        {
            Name = "quiet",
            Matchers = [new LabelMatcher("model", MatchOperator.Equal, "quiet")],
            Channels = ["quiet-hook"],
            GroupWait = TimeSpan.FromSeconds(15),
            GroupInterval = TimeSpan.FromSeconds(30),
        }, Hook("quiet-hook", hook));
        var created = await fixture.Grains.GetGrain<ISilencesGrain>(0).TryCreate(new Silence
        {
            Id = "",
            Matchers = [new LabelMatcher("model", MatchOperator.Equal, "quiet")],
            StartsAt = Now,
            EndsAt = Now.AddHours(1),
            CreatedBy = "oncall",
            Comment = "maintenance",
        });
        var silence = created.Silence!;
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 6; i++)
        {
            await Traffic("quiet", "v1", 0.5);
            await Advance(Tick, "quiet", "v1");
        }

        var alert = Assert.Single(await fixture.Grains.GetGrain<IModelAlertsGrain>("quiet").GetAlerts());
        Assert.Equal([silence.Id], alert.SilencedBy);
        await Delivered("quiet");
        Assert.Empty(hook.Requests);

        await fixture.Grains.GetGrain<ISilencesGrain>(0).Expire(silence.Id);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        for (var i = 0; i < 4; i++)
        {
            await Traffic("quiet", "v1", 0.5);
            await Advance(Tick, "quiet", "v1");
        }

        await hook.WaitForAsync(r => r.Path == "/quiet-hook");
    }

    [Fact]
    public async Task An_action_webhook_is_called_once_when_the_rule_fires()
    {
        await using var action = new LoopbackReceiver();
        await using var hook = new LoopbackReceiver();
        await Configure("act", new AlertRoute
        {
            Name = "act",
            Matchers = [new LabelMatcher("model", MatchOperator.Equal, "act")],
            Channels = ["act-hook"],
        }, Hook("act-hook", hook), Hook("rollback", action));
        var rules = fixture.Grains.GetGrain<IAlertRulesGrain>(0);
        var rule = (await rules.GetRules()).Rules.Single(r => r.Name == "Errors_act") with { Action = "rollback", For = TimeSpan.Zero };
        Assert.Null((await rules.Put(rule, createOnly: false)).Problem);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));

        await Traffic("act", "v1", 0.5);
        await Advance(Tick, "act", "v1");
        var call = await action.WaitForAsync(_ => true);
        Assert.Equal("Errors_act", call.Json.GetProperty("alerts")[0].GetProperty("labels").GetProperty("alertname").GetString());
        for (var i = 0; i < 8; i++)
        {
            await Traffic("act", "v1", 0.5);
            await Advance(Tick, "act", "v1");
        }

        await Delivered("act");
        Assert.Single(action.Requests);
    }

    private static double Counter(string channel, string result)
    {
        using var stream = new MemoryStream();
        Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith($"notifications_total{{channel=\"{channel}\",result=\"{result}\"}}", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Waits until every notification of the model's groups has been settled by delivery (the groups keep
    /// each in their outbox until then), so that what the receivers hold afterwards is all that was sent.
    /// </summary>
    private Task Delivered(string model) => Eventually.TrueAsync($"the notifications of {model} delivered", async () =>
    {
        var alerts = await fixture.Grains.GetGrain<IModelAlertsGrain>(model).GetAlerts();
        foreach (var group in alerts.SelectMany(a => a.Groups).Distinct())
        {
            if ((await fixture.Grains.GetGrain<IAlertGroupGrain>(group).GetGroup()).PendingChannels.Length > 0)
            {
                return false;
            }
        }

        return true;
    });
}

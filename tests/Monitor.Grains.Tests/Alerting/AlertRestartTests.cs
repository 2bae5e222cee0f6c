using Monitor.Grains.Alerting;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>
/// What a restart leaves behind, on the fake clock: a version whose grain is not running while its alert
/// fires (as after a restart or failover), and the marks versions leave for the restart to wake them.
/// </summary>
[Collection(AlertingCollection.Name)]
public sealed class AlertRestartTests(AlertingClusterFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task A_firing_alert_whose_version_stopped_is_confirmed_with_the_version_and_never_resolved_for_it()
    {
        const string model = "stopped";
        await Rule(model);
        var version = fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, "v1"));
        await Traffic(model, "v1");
        var firing = await fixture.Time.AdvanceUntilAsync(Eventually.ValueAsync("the alert firing", async () =>
            (await fixture.Grains.GetGrain<IModelAlertsGrain>(model).GetAlerts()).SingleOrDefault()), Step);

        // The version stops; nothing re-sends its alert until the alert grain asks.
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(version.GetGrainId());
        Assert.Null(await management.GetActivationAddress(version));
        var expiry = Now + new AlertingOptions().AlertValidity;

        // Its validity runs out; the alert grain asks the version, which wakes, still holds it and re-sends it.
        var resent = await fixture.Time.AdvanceUntilAsync(Eventually.ValueAsync("the alert re-sent after its validity", async () =>
            (await fixture.Grains.GetGrain<IModelAlertsGrain>(model).GetAlerts()).SingleOrDefault(a => a.UpdatedAt > expiry)), Step);

        Assert.Equal(firing.Fingerprint, resent.Fingerprint);
        Assert.NotNull(await management.GetActivationAddress(version));
        var history = await fixture.Grains.GetGrain<IModelAlertsGrain>(model).GetHistory();
        Assert.Equal(["firing"], history.Select(e => e.Event));
        Assert.Equal("firing", (await version.GetRuleStates()).Single().State);
    }

    [Fact]
    public async Task Versions_mark_what_the_restart_must_wake_alerts_first_and_forget_it_when_it_ends()
    {
        const string model = "marks";
        await Rule(model, version: "alerting");
        await Traffic(model, "alerting");
        await Traffic(model, "quiet", errors: false);
        var list = fixture.Grains.GetGrain<IResumeListGrain>(0);
        async Task<string[]> Ours() => [.. (await list.GetDue()).Where(k => k.StartsWith(model + "/", StringComparison.Ordinal))];

        // Alerts before traffic: the firing version is woken first.
        await fixture.Time.AdvanceUntilAsync(Eventually.ValueAsync("both versions marked, the alerting one first", async () => (await Ours()) is ["marks/alerting", "marks/quiet"] ? "" : null), Step);

        // Past the traffic horizon the quiet version is forgotten; the one with a firing alert stays.
        fixture.Time.Advance(new ResumeOptions().RecentTraffic + TimeSpan.FromMinutes(1));
        await fixture.Time.AdvanceUntilAsync(Eventually.ValueAsync("only the alerting version marked", async () => (await Ours()) is ["marks/alerting"] ? "" : null), Step);
    }

    private async Task Rule(string model, string? version = null)
    {
        var rule = new AlertRule
        {
            Name = $"Errors_{model}",
            Model = model,
            Version = version,
            Metric = VersionMetricNames.ErrorRate,
            WindowMinutes = 1440,
            Comparator = RuleComparator.Greater,
            Threshold = 0.1,
            MinSamples = 1,
            Annotations = LabelSet.From(new Dictionary<string, string> { ["summary"] = "errors" }),
        };
        Assert.Null((await fixture.Grains.GetGrain<IAlertRulesGrain>(0).Put(rule, createOnly: false)).Problem);
    }

    private async Task Traffic(string model, string version, bool errors = true)
    {
        var batch = new TestBatch(model, version);
        for (var i = 0; i < 20; i++)
        {
            batch.Add(Now.ToUnixTimeMilliseconds() - 100, 10, ok: !errors || i % 2 == 0, error: errors && i % 2 == 1 ? "Timeout" : null);
        }

        await fixture.Grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).Ingest([batch.Build()]);
    }
}

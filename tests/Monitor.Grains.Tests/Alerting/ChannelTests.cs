using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Grains.Alerting;
using Monitor.Grains.Alerting.Delivery;
using Monitor.Testing.Receivers;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>Every channel against a real receiver on loopback: payload shapes and what counts as delivered.</summary>
public sealed class ChannelTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    // The receivers listen on loopback, which deliveries may reach only when allowed.
    private static readonly IOptions<AlertingOptions> LoopbackAllowed = Options.Create(new AlertingOptions { ExternalUrl = "http://monitor.test:8080", AllowedTargetNetworks = ["127.0.0.0/8"] });
    private readonly IOptions<AlertingOptions> _options = LoopbackAllowed;
    private readonly NotificationHttp _http = new(LoopbackAllowed);

    public void Dispose() => _http.Dispose();

    private static GroupAlert Alert(string version, string severity, DateTimeOffset? endsAt = null)
    {
        var labels = LabelSet.From(new Dictionary<string, string>
        {
            ["alertname"] = "HighErrorRate", ["model"] = "fraud", ["version"] = version, ["severity"] = severity,
        });
        return new GroupAlert
        {
            Fingerprint = labels.Fingerprint(),
            Labels = labels,
            Annotations = LabelSet.From(new Dictionary<string, string> { ["summary"] = $"errors on {version}", ["runbook_url"] = "http://runbooks.test/errors" }),
            StartsAt = T0,
            EndsAt = endsAt,
            GeneratorUrl = "http://monitor.test:8080/v1/models/fraud/versions/" + version + "/summary",
        };
    }

    private static Notification Notify(string channel, params GroupAlert[] alerts) => new()
    {
        Id = "n1",
        GroupId = "default:abc",
        GroupKey = "default:{alertname=\"HighErrorRate\", model=\"fraud\"}",
        Channel = channel,
        GroupLabels = LabelSet.From(new Dictionary<string, string> { ["alertname"] = "HighErrorRate", ["model"] = "fraud" }),
        Alerts = alerts,
        CreatedAt = T0,
        ForwardValidity = TimeSpan.FromMinutes(4),
    };

    [Fact]
    public async Task Webhook_posts_alertmanagers_version_4_payload()
    {
        await using var receiver = new LoopbackReceiver();
        var channel = new ChannelConfig { Name = "hook", Kind = ChannelKind.Webhook, Url = receiver.Url + "/hook?token=s3cret" };
        var result = await new WebhookSender(_http, _options).SendAsync(channel, Notify("hook", Alert("v1", "critical"), Alert("v2", "critical", T0.AddMinutes(3))), default);

        Assert.True(result.Success);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("/hook?token=s3cret", request.Path);
        var body = request.Json;
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal("default:{alertname=\"HighErrorRate\", model=\"fraud\"}", body.GetProperty("groupKey").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("hook", body.GetProperty("receiver").GetString());
        Assert.Equal("fraud", body.GetProperty("groupLabels").GetProperty("model").GetString());
        Assert.Equal("critical", body.GetProperty("commonLabels").GetProperty("severity").GetString());
        Assert.False(body.GetProperty("commonLabels").TryGetProperty("version", out _));
        Assert.Equal("http://runbooks.test/errors", body.GetProperty("commonAnnotations").GetProperty("runbook_url").GetString());
        Assert.Equal("http://monitor.test:8080", body.GetProperty("externalURL").GetString());
        Assert.Equal(0, body.GetProperty("truncatedAlerts").GetInt32());
        var alerts = body.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Equal("firing", alerts[0].GetProperty("status").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alerts[0].GetProperty("endsAt").GetString());
        Assert.Equal("2026-11-24T10:00:00.000Z", alerts[0].GetProperty("startsAt").GetString());
        Assert.Equal("resolved", alerts[1].GetProperty("status").GetString());
        Assert.Equal("2026-11-24T10:03:00.000Z", alerts[1].GetProperty("endsAt").GetString());
        Assert.Equal(Alert("v1", "critical").Fingerprint, alerts[0].GetProperty("fingerprint").GetString());
        Assert.EndsWith("/versions/v1/summary", alerts[0].GetProperty("generatorURL").GetString());
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(404, false)]
    public async Task Webhook_failures_are_retried_only_when_they_may_pass(int status, bool retryable)
    {
        await using var receiver = new LoopbackReceiver(_ => (status, "no"));
        var channel = new ChannelConfig { Name = "hook", Kind = ChannelKind.Webhook, Url = receiver.Url };
        var result = await new WebhookSender(_http, _options).SendAsync(channel, Notify("hook", Alert("v1", "warning")), default);
        Assert.False(result.Success);
        Assert.Equal(retryable, result.Retryable);
        Assert.Equal($"HTTP {status}", result.Detail);
    }

    [Fact]
    public async Task Slack_sends_text_and_blocks_and_only_ok_is_success()
    {
        await using var receiver = new LoopbackReceiver();
        var channel = new ChannelConfig { Name = "slack", Kind = ChannelKind.Slack, Url = receiver.Url + "/services/T000/B000/XXXX" };
        var sender = new SlackSender(_http, _options);
        Assert.True((await sender.SendAsync(channel, Notify("slack", Alert("v1", "critical")), default)).Success);

        var body = Assert.Single(receiver.Requests).Json;
        Assert.StartsWith("[FIRING:1] HighErrorRate fraud", body.GetProperty("text").GetString());
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("section", blocks[1].GetProperty("type").GetString());
        Assert.Contains("errors on v1", blocks[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("<http://runbooks.test/errors|Runbook>", blocks[1].GetProperty("text").GetProperty("text").GetString());

        receiver.Respond = _ => (200, "invalid_payload");
        var refused = await sender.SendAsync(channel, Notify("slack", Alert("v1", "critical")), default);
        Assert.False(refused.Success);
        Assert.False(refused.Retryable);
    }

    [Fact]
    public async Task PagerDuty_triggers_and_resolves_one_incident_per_group()
    {
        await using var receiver = new LoopbackReceiver(_ => (202, "{\"status\":\"success\"}"));
        var channel = new ChannelConfig { Name = "pd", Kind = ChannelKind.PagerDuty, RoutingKey = "R0UT1NGKEY0123456789012345678901", Url = receiver.Url + "/v2/enqueue" };
        var sender = new PagerDutySender(_http, _options);
        Assert.True((await sender.SendAsync(channel, Notify("pd", Alert("v1", "warning"), Alert("v2", "critical")), default)).Success);
        Assert.True((await sender.SendAsync(channel, Notify("pd", Alert("v1", "warning", T0.AddMinutes(1)), Alert("v2", "critical", T0.AddMinutes(1))), default)).Success);

        var trigger = receiver.Requests[0].Json;
        var resolve = receiver.Requests[1].Json;
        Assert.Equal("/v2/enqueue", receiver.Requests[0].Path);
        Assert.Equal("trigger", trigger.GetProperty("event_action").GetString());
        Assert.Equal("R0UT1NGKEY0123456789012345678901", trigger.GetProperty("routing_key").GetString());
        Assert.Equal("critical", trigger.GetProperty("payload").GetProperty("severity").GetString());
        Assert.Equal("monitor", trigger.GetProperty("payload").GetProperty("source").GetString());
        Assert.Equal("fraud", trigger.GetProperty("payload").GetProperty("component").GetString());
        Assert.Contains("errors on v1", trigger.GetProperty("payload").GetProperty("summary").GetString());
        Assert.Equal("resolve", resolve.GetProperty("event_action").GetString());
        Assert.Equal(64, trigger.GetProperty("dedup_key").GetString()!.Length);
        Assert.Equal(trigger.GetProperty("dedup_key").GetString(), resolve.GetProperty("dedup_key").GetString());
    }

    [Theory]
    [InlineData("critical", "critical")]
    [InlineData("warning", "warning")]
    [InlineData("info", "info")]
    [InlineData("page", "error")]
    public void PagerDuty_severity_is_mapped(string severity, string expected) =>
        Assert.Equal(expected, PagerDutySender.Severity(Notify("pd", Alert("v1", severity))));

    [Fact]
    public async Task Email_reaches_a_real_smtp_server()
    {
        await using var smtp = await SmtpServerProcess.StartAsync();
        var channel = new ChannelConfig
        {
            Name = "mail",
            Kind = ChannelKind.Email,
            To = ["oncall@example.test"],
            From = "monitor@example.test",
            SmtpHost = "127.0.0.1",
            SmtpPort = smtp.Port,
            Security = "none",
        };
        var result = await new EmailSender(_options).SendAsync(channel, Notify("mail", Alert("v1", "critical")), default);
        Assert.True(result.Success, result.Detail);

        var message = await smtp.WaitForMessageAsync();
        Assert.Contains("Subject: [FIRING:1] HighErrorRate fraud", message);
        Assert.Contains("To: oncall@example.test", message);
        Assert.Contains("errors on v1", message);
        Assert.Contains("X-Monitor-Group-Key:", message);
    }

    [Fact]
    public async Task Alertmanager_receives_the_alerts_and_lists_them_with_the_same_fingerprint_until_they_resolve()
    {
        await using var alertmanager = await AlertmanagerProcess.StartAsync();
        var channel = new ChannelConfig { Name = "am", Kind = ChannelKind.Alertmanager, Url = alertmanager.Url };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sender = new AlertmanagerSender(_http, time);
        var firing = Alert("v1", "critical") with { StartsAt = time.GetUtcNow().AddMinutes(-1) };
        Assert.True((await sender.SendAsync(channel, Notify("am", firing) with { Forward = true }, default)).Success);

        var listed = Assert.Single(await alertmanager.AlertsAsync());
        Assert.Equal(firing.Fingerprint, listed.GetProperty("fingerprint").GetString());
        Assert.Equal("HighErrorRate", listed.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("active", listed.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("errors on v1", listed.GetProperty("annotations").GetProperty("summary").GetString());

        var resolved = firing with { EndsAt = time.GetUtcNow().AddSeconds(-1) };
        Assert.True((await sender.SendAsync(channel, Notify("am", resolved) with { Forward = true }, default)).Success);
        Assert.Empty(await alertmanager.AlertsAsync());
    }

    [Fact]
    public void Secrets_are_scrubbed_from_error_text_and_left_out_of_redacted_channels()
    {
        var channel = new ChannelConfig { Name = "hook", Kind = ChannelKind.Webhook, Url = "http://127.0.0.1:9/hook/T0KEN-abc" };
        Assert.Equal("failed for [secret]", SecretScrubber.Scrub("failed for http://127.0.0.1:9/hook/T0KEN-abc", channel));
        Assert.Equal("path [secret] refused", SecretScrubber.Scrub("path /hook/T0KEN-abc refused", channel));
        Assert.Null(channel.Redacted().Url);
        Assert.Equal(["url"], channel.SecretFields());
        var pd = new ChannelConfig { Name = "pd", Kind = ChannelKind.PagerDuty, RoutingKey = "key", Url = "http://127.0.0.1:9/enqueue" };
        Assert.Equal("http://127.0.0.1:9/enqueue", pd.Redacted().Url);
        Assert.Null(pd.Redacted().RoutingKey);
    }
}

using System.Net;
using System.Net.Http.Json;
using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// Channels cannot be pointed at the node itself, link-local metadata services or private networks: an
/// address in a URL or SMTP host is refused with 400 naming the field when it is created, in every form
/// the parsers take; a host name is checked on the address it resolves to when a delivery connects, and a
/// refused delivery is given up at once, logged and counted as a failure. AllowedTargetNetworks opens
/// exactly the networks it lists.
/// </summary>
public sealed class ChannelTargetTests
{
    // Replaces the loopback allowance of the test host with a harmless documentation network.
    private static readonly Dictionary<string, string?> NothingLocalAllowed = new() { ["Monitor:Alerting:AllowedTargetNetworks:0"] = "192.0.2.128/25" };

    private static readonly (string Url, string Kind)[] RefusedUrls =
    [
        ("http://127.0.0.1:9/hook", "loopback"),
        ("http://127.1/hook", "loopback"),
        ("http://2130706433/hook", "loopback"),
        ("http://0x7f000001/hook", "loopback"),
        ("http://0x7f.0.0.1/hook", "loopback"),
        ("http://0177.0.0.1/hook", "loopback"),
        ("http://017700000001/hook", "loopback"),
        ("https://127.255.255.254:8443/hook", "loopback"),
        ("http://[::1]/hook", "loopback"),
        ("http://[0:0:0:0:0:0:0:1]/hook", "loopback"),
        ("http://[::ffff:127.0.0.1]/hook", "loopback"),
        ("http://[::ffff:7f00:1]/hook", "loopback"),
        ("http://0.0.0.0/hook", "unspecified"),
        ("http://0/hook", "unspecified"),
        ("http://[::]/hook", "unspecified"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://2852039166/latest/meta-data/", "link-local"),
        ("http://[::ffff:169.254.169.254]/", "link-local"),
        ("http://[fe80::1]/hook", "link-local"),
        ("http://10.0.0.1/hook", "private"),
        ("http://172.16.0.1/hook", "private"),
        ("http://172.31.255.255/hook", "private"),
        ("http://192.168.1.1/hook", "private"),
        ("http://[::ffff:192.168.1.1]/hook", "private"),
        ("http://[fc00::1]/hook", "private"),
        ("http://[fd12:3456::1]/hook", "private"),
        ("http://100.64.0.1/hook", "shared"),
        ("http://224.0.0.1/hook", "multicast"),
        ("http://255.255.255.255/hook", "reserved"),
        ("http://[64:ff9b::7f00:1]/hook", "NAT64"),
        ("http://[2002:7f00:1::]/hook", "6to4"),
    ];

    private static readonly (string Host, string Kind)[] RefusedSmtpHosts =
    [
        ("127.0.0.1", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f.1", "loopback"),
        ("::1", "loopback"),
        ("[::1]", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("169.254.169.254", "link-local"),
        ("10.20.30.40", "private"),
        ("fd00::25", "private"),
    ];

    [Fact]
    public async Task A_url_at_a_non_global_address_is_refused_at_creation_in_every_form_for_every_http_kind()
    {
        await using var host = new AlertingHost(settings: NothingLocalAllowed);
        foreach (var (url, kind) in RefusedUrls)
        {
            await AssertRefusedForEveryKind(host, url, kind);
        }

        var listing = await host.Client.GetStringAsync("/v1/alerts/channels");
        Assert.DoesNotContain("\"hook\"", listing);
        Assert.Contains("\"log\"", listing);
    }

    [Fact]
    public async Task An_smtp_host_at_a_non_global_address_is_refused_at_creation_in_every_form()
    {
        await using var host = new AlertingHost(settings: NothingLocalAllowed);
        foreach (var (smtpHost, kind) in RefusedSmtpHosts)
        {
            using var response = await host.Client.PostAsJsonAsync("/v1/alerts/channels", new
            {
                name = "mail", kind = "email", to = new[] { "oncall@example.test" }, from = "monitor@example.test", smtp_host = smtpHost,
            });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{smtpHost}: {(int)response.StatusCode} {text}");
            Assert.Contains("smtp_host", text);
            Assert.Contains(kind, text);
        }
    }

    private static async Task AssertRefusedForEveryKind(AlertingHost host, string url, string kind)
    {
        foreach (var channel in new object[]
        {
            new { name = "hook", kind = "webhook", url },
            new { name = "chat", kind = "slack", url },
            new { name = "am", kind = "alertmanager", url },
            new { name = "pd", kind = "pagerduty", routing_key = "routing-key-1", url },
        })
        {
            using var response = await host.Client.PostAsJsonAsync("/v1/alerts/channels", channel);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("url", text);
            Assert.Contains(kind, text);
            Assert.Contains("AllowedTargetNetworks", text);
            Assert.DoesNotContain("/hook", text);
        }
    }

    [Fact]
    public async Task Global_addresses_and_host_names_are_accepted_and_allowed_networks_open_exactly_themselves()
    {
        await using (var strict = new AlertingHost(settings: NothingLocalAllowed))
        {
            await strict.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "public", kind = "webhook", url = "https://93.184.215.14/hook" }, expect: 201);
            await strict.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "named", kind = "slack", url = "https://hooks.example.com/services/T0/B0/x" }, expect: 201);
            await strict.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "v6", kind = "alertmanager", url = "http://[2606:4700::1111]:9093" }, expect: 201);
            await strict.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "documented", kind = "webhook", url = "http://192.0.2.200/hook" }, expect: 201);
            await strict.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "undocumented", kind = "webhook", url = "http://192.0.2.100/hook" }, expect: 400);
        }

        await using var allowing = new AlertingHost(settings: new Dictionary<string, string?>
        {
            ["Monitor:Alerting:AllowedTargetNetworks:0"] = "127.0.0.0/8",
            ["Monitor:Alerting:AllowedTargetNetworks:1"] = "fd00::/8",
        });
        await allowing.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "local", kind = "webhook", url = "http://2130706433:9/hook" }, expect: 201);
        await allowing.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "mapped", kind = "webhook", url = "http://[::ffff:127.0.0.1]:9/hook" }, expect: 201);
        await allowing.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "ula", kind = "webhook", url = "http://[fd00::9]/hook" }, expect: 201);
        await allowing.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "v6loop", kind = "webhook", url = "http://[::1]/hook" }, expect: 400);
        await allowing.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "lan", kind = "webhook", url = "http://10.0.0.1/hook" }, expect: 400);
    }

    [Fact]
    public void A_malformed_allowed_network_stops_the_start_naming_it()
    {
        var factory = MonitorFactory.With(settings: new Dictionary<string, string?> { ["Monitor:Alerting:AllowedTargetNetworks:0"] = "10.0.0.0/33" });
        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("AllowedTargetNetworks:0", failure.ToString());
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_the_delivery_connects_and_not_retried()
    {
        await using var receiver = new LoopbackReceiver();
        var port = new Uri(receiver.Url).Port;
        await using var host = new AlertingHost(settings: NothingLocalAllowed);

        // A name passes the check at creation: what it resolves to is checked when a delivery connects.
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "rebound", kind = "webhook", url = $"http://localhost:{port}/hook", max_attempts = 5 }, expect: 201);
        await host.Send(HttpMethod.Put, "/v1/alerts/routes", new { @default = new { channels = new[] { "rebound" }, group_wait = "0s" } });
        await host.Send(HttpMethod.Post, "/v1/alerts/rules", new
        {
            name = "AnyTraffic", model = "ssrf", metric = "throughput", comparator = ">", threshold = 0.0, window_minutes = 1,
        }, expect: 201);
        await host.Send(HttpMethod.Post, "/v1/predictions", new { model = "ssrf", version = "v1", latency_ms = 5, status = "success", timestamp = host.Time.GetUtcNow() }, expect: 202);
        host.Time.Advance(TimeSpan.FromSeconds(15));
        await host.Get("/v1/models/ssrf/versions/v1/alerts");

        var failures = 0.0;
        for (var i = 0; i < 200 && failures == 0; i++)
        {
            failures = Sample(await host.Client.GetStringAsync("/metrics"), "notifications_total{channel=\"rebound\",result=\"failure\"}");
            if (failures == 0)
            {
                await Task.Delay(50);
            }
        }

        var metrics = await host.Client.GetStringAsync("/metrics");
        Assert.Equal(1, Sample(metrics, "notifications_total{channel=\"rebound\",result=\"failure\"}"));
        Assert.Equal(0, Sample(metrics, "notifications_total{channel=\"rebound\",result=\"retry\"}"));
        Assert.Equal(0, receiver.Arrived);
        var line = Assert.Single(host.Logs, l => l.Contains("to channel rebound failed", StringComparison.Ordinal));
        Assert.Contains("loopback", line);
        Assert.Contains("after 1 attempts", line);
        Assert.DoesNotContain($"localhost:{port}/hook", string.Join('\n', host.Logs));
    }

    private static double Sample(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}

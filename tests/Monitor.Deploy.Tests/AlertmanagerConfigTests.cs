using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Testing.Deploy;
using Monitor.Testing.Receivers;
using YamlDotNet.RepresentationModel;

namespace Monitor.Deploy.Tests;

/// <summary>
/// deploy/alertmanager/alertmanager.yml: amtool accepts it and routes by severity; its webhooks point at
/// the alert-log service of docker-compose.yml; and the real Alertmanager (Debian's binary, on loopback)
/// loads it, groups per model version and lets a critical alert of a version mute that version's warnings.
/// </summary>
public sealed class AlertmanagerConfigTests
{
    private const string ConfigFile = "deploy/alertmanager/alertmanager.yml";

    [Fact]
    public void Amtool_accepts_the_configuration()
    {
        var (code, output) = DeployFiles.Run("amtool", ["check-config", DeployFiles.PathOf(ConfigFile)]);
        Assert.True(code == 0, output);
        Assert.Contains("SUCCESS", output);
    }

    [Theory]
    [InlineData("critical", "monitor-critical")]
    [InlineData("warning", "monitor-warning")]
    [InlineData("info", "monitor-info")]
    [InlineData("page-me", "monitor-info")]
    public void Alerts_are_routed_by_severity(string severity, string receiver)
    {
        var (code, output) = DeployFiles.Run(
            "amtool",
            ["config", "routes", "test", $"--config.file={DeployFiles.PathOf(ConfigFile)}", $"--verify.receivers={receiver}", "alertname=HighErrorRate", "model=fraud", "version=v1", $"severity={severity}"]);
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Webhooks_point_at_the_alert_log_service_on_its_port()
    {
        var compose = DeployFiles.LoadYaml("docker-compose.yml");
        var services = (YamlMappingNode)compose["services"];
        var alertLog = (YamlMappingNode)services["alert-log"];
        var command = ((YamlSequenceNode)alertLog["command"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        var listen = command[command.IndexOf("--listen") + 1];
        var port = int.Parse(listen[(listen.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(
            "./deploy/alertmanager/alert_log.py:" + command.Single(c => c.EndsWith("alert_log.py", StringComparison.Ordinal)) + ":ro",
            ((YamlSequenceNode)alertLog["volumes"]).Children.Select(c => ((YamlScalarNode)c).Value));

        var config = DeployFiles.LoadYaml(ConfigFile);
        var receivers = ((YamlSequenceNode)config["receivers"]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(["monitor-critical", "monitor-info", "monitor-warning"], receivers.Select(r => ((YamlScalarNode)r["name"]).Value!).Order());
        foreach (var receiver in receivers)
        {
            var url = new Uri(((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)receiver["webhook_configs"]).Children.Single())["url"]).Value!);
            Assert.True(services.Children.ContainsKey(new YamlScalarNode(url.Host)), $"{url.Host} is not a service of docker-compose.yml");
            Assert.Equal(port, url.Port);
        }

        var route = (YamlMappingNode)config["route"];
        Assert.Equal(["alertname", "model", "version"], ((YamlSequenceNode)route["group_by"]).Children.Select(c => ((YamlScalarNode)c).Value!));
    }

    [Fact]
    public async Task The_real_alertmanager_loads_it_and_a_critical_alert_mutes_the_warnings_of_its_version_only()
    {
        await using var alertmanager = await AlertmanagerProcess.StartAsync(DeployFiles.PathOf(ConfigFile));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        object Alert(string name, string version, string severity) => new
        {
            labels = new Dictionary<string, string> { ["alertname"] = name, ["model"] = "fraud", ["model_version"] = version, ["version"] = version, ["severity"] = severity },
            annotations = new Dictionary<string, string> { ["summary"] = $"{name} on fraud/{version}" },
            startsAt,
            endsAt = startsAt.AddHours(1),
        };

        using var posted = await http.PostAsJsonAsync($"{alertmanager.Url}/api/v2/alerts", new[]
        {
            Alert("HighErrorRate", "v1", "critical"),
            Alert("HighLatencyP95", "v1", "warning"),
            Alert("HighLatencyP95", "v2", "warning"),
            Alert("LowConfidence", "v1", "info"),
        });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        // The inhibitor learns of source alerts asynchronously: wait (briefly) until it has taken the critical one.
        var alerts = await ListedAsync(alertmanager, a => a.Count == 4 && State(a["HighLatencyP95/v1"]) == "suppressed");
        var critical = alerts["HighErrorRate/v1"];
        Assert.Equal("active", State(critical));
        Assert.Equal(["monitor-critical"], Receivers(critical));

        var muted = alerts["HighLatencyP95/v1"];
        Assert.Equal("suppressed", State(muted));
        Assert.Equal([critical.GetProperty("fingerprint").GetString()], muted.GetProperty("status").GetProperty("inhibitedBy").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["monitor-warning"], Receivers(muted));

        Assert.Equal("active", State(alerts["HighLatencyP95/v2"]));
        Assert.Equal("active", State(alerts["LowConfidence/v1"]));
        Assert.Equal(["monitor-info"], Receivers(alerts["LowConfidence/v1"]));

        // One group per alert of a model version.
        var groups = JsonDocument.Parse(await http.GetStringAsync($"{alertmanager.Url}/api/v2/alerts/groups")).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, groups.Count);
        Assert.All(groups, g => Assert.Equal(["alertname", "model", "version"], g.GetProperty("labels").EnumerateObject().Select(p => p.Name).Order()));
    }

    private static async Task<Dictionary<string, JsonElement>> ListedAsync(AlertmanagerProcess alertmanager, Func<Dictionary<string, JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var alerts = (await alertmanager.AlertsAsync()).ToDictionary(a => $"{Label(a, "alertname")}/{Label(a, "version")}");
            if (done(alerts) || DateTime.UtcNow > deadline)
            {
                return alerts;
            }

            await Task.Delay(50);
        }
    }

    private static string? Label(JsonElement alert, string name) => alert.GetProperty("labels").GetProperty(name).GetString();

    private static string? State(JsonElement alert) => alert.GetProperty("status").GetProperty("state").GetString();

    private static string[] Receivers(JsonElement alert) => [.. alert.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)];
}

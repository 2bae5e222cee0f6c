using System.Reflection;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains.Windows;
using Monitor.Silo;
using Monitor.Testing.Deploy;
using YamlDotNet.RepresentationModel;

namespace Monitor.Deploy.Tests;

/// <summary>
/// docker-compose.yml, the Dockerfile and the Prometheus configuration, checked without Docker: the
/// YAML parses, every file they mount or build exists, every Monitor setting they pass is one Monitor
/// reads, silos advertise their own addresses, only the gateway's HTTP port is published, and
/// Prometheus scrapes what the services expose.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Root = DeployFiles.Root;
    private static readonly YamlMappingNode Compose = DeployFiles.LoadYaml("docker-compose.yml");
    private static readonly string[] MonitorServices = ["silo1", "silo2", "gateway", "gateway2"];
    private static readonly string[] Gateways = ["gateway", "gateway2"];

    [Fact]
    public void The_deployment_has_every_part()
    {
        Assert.Equal(
            ["alert-log", "alertmanager", "gateway", "gateway2", "grafana", "prometheus", "proxy", "redis", "silo1", "silo2"],
            Services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order());
        var redis = string.Join(' ', Sequence(Service("redis"), "command"));
        Assert.Contains("--appendonly yes", redis);
    }

    [Fact]
    public void Silos_advertise_their_own_addresses_and_publish_nothing()
    {
        var addresses = new HashSet<string>();
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            var service = Service(silo);
            var advertised = Environment(service)["Monitor__Cluster__AdvertisedAddress"];
            var network = (YamlMappingNode)((YamlMappingNode)service["networks"])["monitor"];
            Assert.Equal(((YamlScalarNode)network["ipv4_address"]).Value, advertised);
            Assert.True(addresses.Add(advertised), $"{silo} advertises {advertised}, as another silo does");
            Assert.False(service.Children.ContainsKey("ports"), $"{silo} must not publish ports");
            Assert.Equal("silo", Scalar((YamlMappingNode)service["build"], "target"));
        }

        Assert.False(Service("redis").Children.ContainsKey("ports"));
    }

    [Fact]
    public void The_gateways_are_clients_of_the_cluster_behind_the_proxy_which_alone_publishes_the_http_port()
    {
        foreach (var name in Gateways)
        {
            var gateway = Service(name);
            var env = Environment(gateway);
            Assert.Equal("false", env["Monitor__Gateway__CoHostSilo"]);
            Assert.Equal("http://0.0.0.0:8080", env["ASPNETCORE_URLS"]);
            Assert.False(gateway.Children.ContainsKey("ports"), $"{name} must not publish ports: the proxy does");
            Assert.Equal("gateway", Scalar((YamlMappingNode)gateway["build"], "target"));
        }

        var proxy = Service("proxy");
        Assert.Equal(["8080:8080"], Sequence(proxy, "ports"));
        Assert.Contains("./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro", Sequence(proxy, "volumes"));
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy/nginx/nginx.conf"));
        Assert.All(Gateways, name => Assert.Contains($"server {name}:8080", nginx));
        Assert.Contains("listen 8080;", nginx);
    }

    [Fact]
    public void Each_gateway_keeps_its_ingest_log_on_a_volume_of_its_own()
    {
        var volumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Gateways)
        {
            var directory = Environment(Service(name))["Monitor__Durability__Directory"];
            var mount = Assert.Single(Sequence(Service(name), "volumes"), v => directory.StartsWith(v.Split(':')[1], StringComparison.Ordinal));
            var volume = mount.Split(':')[0];
            Assert.True(((YamlMappingNode)Compose["volumes"]).Children.ContainsKey(volume), $"{name}: {volume} is not a named volume");
            Assert.True(volumes.Add(volume), $"{name} shares its ingest log volume {volume} with another gateway");
        }
    }

    [Fact]
    public void Silos_and_gateway_share_one_cluster_on_redis()
    {
        var shared = new[] { "Monitor__Cluster__Mode", "Monitor__Cluster__RedisConnection", "Monitor__Cluster__ClusterId", "Monitor__Cluster__ServiceId" };
        var first = Environment(Service("silo1"));
        Assert.Equal("redis", first["Monitor__Cluster__Mode"]);
        Assert.Equal("redis:6379", first["Monitor__Cluster__RedisConnection"]);
        foreach (var name in MonitorServices)
        {
            var env = Environment(Service(name));
            Assert.All(shared, key => Assert.Equal(first[key], env[key]));
        }
    }

    [Fact]
    public void Channels_may_reach_the_stacks_own_network_and_nothing_else_private()
    {
        foreach (var name in MonitorServices)
        {
            var env = Environment(Service(name));
            var allowed = env.Where(e => e.Key.StartsWith("Monitor__Alerting__AllowedTargetNetworks__", StringComparison.Ordinal)).Select(e => e.Value).ToList();
            var network = System.Net.IPNetwork.Parse(Assert.Single(allowed));
            var subnet = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Compose["networks"])["monitor"])["ipam"])["config"]).Children[0])["subnet"]).Value!;
            Assert.Equal(System.Net.IPNetwork.Parse(subnet), network);
            foreach (var receiver in new[] { "alertmanager", "alert-log" })
            {
                var address = ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)Service(receiver)["networks"])["monitor"])["ipv4_address"]).Value!;
                Assert.True(network.Contains(System.Net.IPAddress.Parse(address)), $"{name} cannot reach {receiver} at {address}");
            }

            Assert.NotNull(new Monitor.Grains.Alerting.Targets.TargetNetworkPolicy(allowed).Refusal(System.Net.IPAddress.Parse("169.254.169.254")));
        }
    }

    [Fact]
    public void Every_silo_encrypts_channel_secrets_with_one_shared_key_ring()
    {
        var rings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in new[] { "silo1", "silo2" })
        {
            var directory = Environment(Service(name))["Monitor__DataProtection__KeyRingDirectory"];
            var mount = Assert.Single(Sequence(Service(name), "volumes"), v => v.EndsWith(":" + directory, StringComparison.Ordinal));
            rings.Add(mount);
        }

        var shared = Assert.Single(rings);
        Assert.True(((YamlMappingNode)Compose["volumes"]).Children.ContainsKey(shared.Split(':')[0]), $"{shared} is not a named volume");
    }

    [Fact]
    public void Every_monitor_setting_passed_is_one_monitor_reads()
    {
        var known = KnownSettings();
        foreach (var name in MonitorServices)
        {
            foreach (var key in Environment(Service(name)).Keys.Where(k => k.StartsWith("Monitor__", StringComparison.Ordinal)))
            {
                // A list entry (Section__List__0) is the list's setting.
                var setting = System.Text.RegularExpressions.Regex.Replace(key.Replace("__", ":", StringComparison.Ordinal), @":\d+$", "");
                Assert.True(known.Contains(setting), $"{name}: {key} is not a Monitor setting");
            }
        }
    }

    [Fact]
    public void Every_mounted_file_exists()
    {
        foreach (var (_, service) in Services.Children)
        {
            if (!((YamlMappingNode)service).Children.ContainsKey("volumes"))
            {
                continue;
            }

            foreach (var volume in Sequence((YamlMappingNode)service, "volumes").Where(v => v.StartsWith("./", StringComparison.Ordinal)))
            {
                var source = volume[2..volume.IndexOf(':', StringComparison.Ordinal)];
                Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"{source} is mounted but does not exist");
            }
        }

        Assert.True(File.Exists(Path.Combine(Root, "deploy/prometheus/prometheus.yml")));
    }

    [Fact]
    public void The_dockerfile_builds_both_images_from_the_sdk_onto_the_aspnet_runtime()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", dockerfile);
        Assert.Contains("FROM runtime AS silo", dockerfile);
        Assert.Contains("FROM runtime AS gateway", dockerfile);
        foreach (var project in new[] { "src/Gateway/Monitor.Gateway/Monitor.Gateway.csproj", "src/Silo/Monitor.Silo/Monitor.Silo.csproj" })
        {
            Assert.Contains($"dotnet publish {project}", dockerfile);
            Assert.True(File.Exists(Path.Combine(Root, project)));
        }
    }

    [Fact]
    public void Prometheus_scrapes_the_gateway_and_every_silo_and_loads_the_alert_rules()
    {
        var prometheus = DeployFiles.LoadYaml("deploy/prometheus/prometheus.yml");
        var targets = ((YamlSequenceNode)prometheus["scrape_configs"]).Children.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["static_configs"]).Children.Cast<YamlMappingNode>())
            .SelectMany(config => ((YamlSequenceNode)config["targets"]).Children.Select(t => ((YamlScalarNode)t).Value!))
            .ToHashSet();
        Assert.All(Gateways, name => Assert.Contains($"{name}:8080", targets));
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            Assert.Contains($"{silo}:{Environment(Service(silo))["Monitor__Silo__MetricsPort"]}", targets);

            // A silo's /metrics listens on loopback unless told otherwise: the stack's Prometheus reaches it over the network.
            Assert.Equal("0.0.0.0", Environment(Service(silo))["Monitor__Silo__MetricsHost"]);
        }

        var alertmanagers = ((YamlSequenceNode)((YamlMappingNode)prometheus["alerting"])["alertmanagers"]).Children.Cast<YamlMappingNode>()
            .SelectMany(a => ((YamlSequenceNode)a["static_configs"]).Children.Cast<YamlMappingNode>())
            .SelectMany(c => ((YamlSequenceNode)c["targets"]).Children.Select(t => ((YamlScalarNode)t).Value!));
        Assert.Contains("alertmanager:9093", alertmanagers);

        // rules/monitor-alerts.yml beside /etc/prometheus/prometheus.yml is deploy/prometheus/rules/ mounted there.
        Assert.Equal(["rules/monitor-alerts.yml"], Sequence(prometheus, "rule_files"));
        Assert.Contains("./deploy/prometheus/rules:/etc/prometheus/rules:ro", Sequence(Service("prometheus"), "volumes"));
        Assert.Contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", Sequence(Service("prometheus"), "volumes"));
    }

    [Fact]
    public void Promtool_accepts_the_prometheus_configuration_and_finds_its_rule_file()
    {
        // Without --syntax-only, promtool resolves rule_files relative to prometheus.yml and checks them too.
        var (code, text) = DeployFiles.Run("promtool", ["check", "config", DeployFiles.PathOf("deploy/prometheus/prometheus.yml")]);
        Assert.True(code == 0, text);
        Assert.Contains("SUCCESS: 5 rules found", text);
    }

    private static YamlMappingNode Services => (YamlMappingNode)Compose["services"];

    private static YamlMappingNode Service(string name) => (YamlMappingNode)Services[name];

    private static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ((YamlMappingNode)service["environment"]).Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name == "<<" && value is YamlMappingNode merged)
            {
                foreach (var (k, v) in merged.Children)
                {
                    result.TryAdd(((YamlScalarNode)k).Value!, ((YamlScalarNode)v).Value!);
                }
            }
            else
            {
                result[name] = ((YamlScalarNode)value).Value!;
            }
        }

        return result;
    }

    private static string[] Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node[key]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    private static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value;

    private static HashSet<string> KnownSettings()
    {
        var known = new HashSet<string>(StringComparer.Ordinal) { "Monitor:Silo:MetricsPort", "Monitor:Silo:MetricsHost", "Monitor:Gateway:CoHostSilo" };
        void Add(string section, Type options)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                known.Add($"{section}:{property.Name}");
            }
        }

        Add(MonitorClusterOptions.Section, typeof(MonitorClusterOptions));
        Add(VersionWindowOptions.Section, typeof(VersionWindowOptions));
        Add(GatewayIngestOptions.Section, typeof(GatewayIngestOptions));
        Add(PredictionLogOptions.SectionName, typeof(PredictionLogOptions));
        Add(MonitorStorageOptions.Section, typeof(MonitorStorageOptions));
        Add(SecurityOptions.Section, typeof(SecurityOptions));
        Add(Monitor.Grains.Alerting.AlertingOptions.Section, typeof(Monitor.Grains.Alerting.AlertingOptions));
        Add(DataProtectionSettings.Section, typeof(DataProtectionSettings));
        Add(Monitor.Gateway.Durability.DurabilityOptions.Section, typeof(Monitor.Gateway.Durability.DurabilityOptions));
        return known;
    }
}

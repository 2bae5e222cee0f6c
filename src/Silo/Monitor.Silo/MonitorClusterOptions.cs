using System.Net;
using System.Net.Sockets;

namespace Monitor.Silo;

/// <summary>How silos and gateways find each other (configuration section <c>Monitor:Cluster</c>).</summary>
public sealed class MonitorClusterOptions
{
    public const string Section = "Monitor:Cluster";

    /// <summary>"local" (one node on localhost, the default) or "redis" (a cluster on Redis).</summary>
    public string Mode { get; set; } = "local";

    /// <summary>Every silo and gateway of one deployment shares this id and <see cref="ServiceId"/>.</summary>
    public string ClusterId { get; set; } = "monitor";

    /// <summary>Also prefixes every grain-state key in Redis, so two deployments can share one Redis.</summary>
    public string ServiceId { get; set; } = "monitor";

    /// <summary>StackExchange.Redis connection string, for the "redis" mode (membership and grain state).</summary>
    public string RedisConnection { get; set; } = "127.0.0.1:6379";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address a silo advertises to the others: an IP, a host name (resolved at start), or "auto"
    /// (this machine's own name, which in a container resolves to the container's IP). Loopback when
    /// empty, which only suits silos that all run on one machine.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long the silo-to-silo probe waits; a silo that misses three in a row is declared dead.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a gateway waits for one grain call before treating it as failed (it then retries).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsRedis => string.Equals(Mode, "redis", StringComparison.OrdinalIgnoreCase);

    /// <summary>The advertised address as an IP: loopback by default, otherwise parsed or resolved.</summary>
    public IPAddress ResolveAdvertisedAddress()
    {
        if (string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(AdvertisedAddress, out var ip))
        {
            return ip;
        }

        var host = string.Equals(AdvertisedAddress, "auto", StringComparison.OrdinalIgnoreCase) ? Dns.GetHostName() : AdvertisedAddress;
        var addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? throw new InvalidOperationException($"{Section}:AdvertisedAddress: '{AdvertisedAddress}' resolves to no IPv4 address");
    }

    public static MonitorClusterOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<MonitorClusterOptions>(configuration.GetSection(Section)) ?? new();
}

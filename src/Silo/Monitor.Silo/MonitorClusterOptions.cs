namespace Monitor.Silo;

/// <summary>How silos and gateways find each other (configuration section <c>Monitor:Cluster</c>).</summary>
public sealed class MonitorClusterOptions
{
    public const string Section = "Monitor:Cluster";

    /// <summary>"local" (one node on localhost, the default) or "redis" (a cluster on Redis).</summary>
    public string Mode { get; set; } = "local";

    public string ClusterId { get; set; } = "monitor";

    public string ServiceId { get; set; } = "monitor";

    /// <summary>StackExchange.Redis connection string, for the "redis" mode.</summary>
    public string RedisConnection { get; set; } = "127.0.0.1:6379";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address a silo advertises to the others (its own IP in a container); loopback when empty.</summary>
    public string? AdvertisedAddress { get; set; }

    public bool IsRedis => string.Equals(Mode, "redis", StringComparison.OrdinalIgnoreCase);
}

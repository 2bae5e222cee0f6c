using System.ComponentModel.DataAnnotations;

namespace Monitor.Gateway.Routing;

/// <summary>
/// How much telemetry a gateway holds while its silos are slow or unreachable, and for how long it
/// retries (configuration section <c>Monitor:Gateway</c>). Held records are not acknowledged yet:
/// a 202 still means the records are in their version's windows.
/// </summary>
public sealed class GatewayIngestOptions
{
    public const string Section = "Monitor:Gateway";

    /// <summary>Records of requests waiting for the cluster, at most; past it requests get 503 with Retry-After.</summary>
    [Range(1, int.MaxValue)] public int MaxBufferedRecords { get; set; } = 200_000;

    /// <summary>Bytes of request bodies waiting for the cluster, at most.</summary>
    [Range(1024, long.MaxValue)] public long MaxBufferedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// How long a request's records are retried (e.g. through a silo failover, which takes a few
    /// seconds) before 503; below the 30 s that HTTP clients commonly wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The Retry-After a 503 suggests.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(2);
}

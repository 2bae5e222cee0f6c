using System.ComponentModel.DataAnnotations;

namespace Monitor.Gateway.ModelServers;

/// <summary>Ingest from model servers (configuration section <c>Monitor:ModelServers</c>).</summary>
public sealed class ModelServerOptions
{
    public const string Section = "Monitor:ModelServers";

    /// <summary>
    /// How long a request waits for its response. KServe logs no response for a non-200 answer, so a request
    /// still alone after this becomes failed records (error type no_response); a response alone is an orphan.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests and responses waiting for each other, at most; past it the oldest leaves early (counted as evicted).</summary>
    [Range(16, 10_000_000)] public int MaxPendingExchanges { get; set; } = 100_000;

    /// <summary>How often timed-out requests are looked for (they are also looked for on every event).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a gateway keeps a model's mapping before reading it again (another gateway may have changed it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MappingCacheTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Values one payload may hold (all its tensors together).</summary>
    [Range(1, 100_000_000)] public int MaxValuesPerPayload { get; set; } = 1_000_000;

    /// <summary>Mappings by model name from configuration, used where no mapping was stored with PUT /v1/models/{model}/mapping.</summary>
    public Dictionary<string, MappingDocument> Mappings { get; set; } = new(StringComparer.Ordinal);
}

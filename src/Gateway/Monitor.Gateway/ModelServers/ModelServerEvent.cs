namespace Monitor.Gateway.ModelServers;

public enum ServedEventKind : byte
{
    Request = 0,
    Response = 1,
    Feedback = 2,
}

/// <summary>
/// One event of a model server's payload logger, read from its CloudEvent: what it is, the id its other half
/// shares, the model and endpoint it names, when it happened, and its body.
/// </summary>
public sealed record ModelServerEvent
{
    public required string Source { get; init; }

    public required ServedEventKind Kind { get; init; }

    /// <summary>The CloudEvent id (ce-id).</summary>
    public required string Id { get; init; }

    /// <summary>The id a request and its response share (KServe: ce-id; Seldon: ce-requestid).</summary>
    public required string JoinId { get; init; }

    /// <summary>The base of the rows' prediction ids (KServe: ce-id; Seldon: the puid), unless the payload has its own id.</summary>
    public required string RecordId { get; init; }

    /// <summary>The model the event names (ce-inferenceservicename), or null to take the payload's model_name.</summary>
    public string? Model { get; init; }

    public string? Endpoint { get; init; }

    /// <summary>ce-time in Unix milliseconds (with its fraction), when given.</summary>
    public double? TimeMs { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Headers the model server forwarded (KServe ce-metadata), case-insensitive.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Inference-Header-Content-Length of a body with binary tensors, when known.</summary>
    public int? HeaderLength { get; init; }

    public VersionHints Hints => new(Endpoint, Annotations, Headers);

    /// <summary>How the event is named in errors: its type and id.</summary>
    public string Describe() => $"{Kind.ToString().ToLowerInvariant()} event {Id}";
}

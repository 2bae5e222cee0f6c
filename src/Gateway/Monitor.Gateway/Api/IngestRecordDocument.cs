namespace Monitor.Gateway.Api;

/// <summary>
/// The shape of one telemetry record, for the OpenAPI document only: the gateway parses bodies with
/// its own validating reader, never through this type.
/// </summary>
/// <remarks>Optional fields have defaults, so the document lists only model, version, latency_ms and status as required.</remarks>
public sealed record IngestRecordDocument(
    string Model,
    string Version,
    double LatencyMs,
    string Status,
    string? Id = null,
    DateTimeOffset? Timestamp = null,
    IReadOnlyDictionary<string, object?>? Features = null,
    object? Prediction = null,
    double? Confidence = null,
    string? Error = null);

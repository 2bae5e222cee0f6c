namespace Monitor.Gateway.Api;

/// <summary>
/// The shape of one telemetry record, for the OpenAPI document only: the gateway parses bodies with
/// its own validating reader, never through this type.
/// </summary>
public sealed record IngestRecordDocument(
    string Model,
    string Version,
    string? Id,
    DateTimeOffset? Timestamp,
    IReadOnlyDictionary<string, object?>? Features,
    object? Prediction,
    double? Confidence,
    double LatencyMs,
    string Status,
    string? Error);

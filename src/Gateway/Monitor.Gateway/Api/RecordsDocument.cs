namespace Monitor.Gateway.Api;

/// <summary>
/// The shape of a version's records answer, for the OpenAPI document only: the gateway writes the
/// records with the prediction log's own formatter.
/// </summary>
public sealed record RecordsDocument(string Model, string Version, IReadOnlyList<RecordsDocument.LoggedRecord> Records)
{
    /// <summary>One prediction-log line: every key is present, absent values are null.</summary>
    public sealed record LoggedRecord(
        DateTimeOffset Timestamp,
        string Model,
        string Version,
        string? Id,
        IReadOnlyDictionary<string, object?> Features,
        object? Prediction,
        double? Confidence,
        double LatencyMs,
        string Status,
        string? Error);
}

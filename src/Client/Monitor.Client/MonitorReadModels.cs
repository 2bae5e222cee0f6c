namespace Monitor.Client;

/// <summary>GET /v1/models: every model and its versions with a one-line health.</summary>
public sealed record ModelList(IReadOnlyList<ModelListing> Models);

public sealed record ModelListing(string Model, IReadOnlyList<VersionHealth> Versions);

/// <summary>A version's state over the last few minutes: "healthy", "degraded", "idle" or "new".</summary>
public sealed record VersionHealth(
    string Version,
    string Status,
    string Line,
    long RecentRequests,
    double? SuccessRate,
    double? P95LatencyMs,
    DateTimeOffset? LastSeen,
    long TotalRecords);

/// <summary>The headline figures of GET .../summary (the answer holds more; see the OpenAPI document).</summary>
public sealed record VersionSummary(
    string Model,
    string Version,
    DateTimeOffset From,
    DateTimeOffset To,
    long TotalRequests,
    double? SuccessRate,
    double? AvgLatencyMs,
    double? P50LatencyMs,
    double? P95LatencyMs,
    double? P99LatencyMs,
    double? MaxLatencyMs,
    long ErrorCount,
    IReadOnlyDictionary<string, long> ErrorsByType,
    double ThroughputPerSecond);

/// <summary>Monitor's answer to one batch.</summary>
public sealed record IngestAnswer(int Accepted, int Rejected, IReadOnlyList<IngestAnswer.RecordError> Errors)
{
    public sealed record RecordError(int Index, string Error, string? Reason);
}

using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>What a model server said about where a payload came from, for resolving the record's version.</summary>
public sealed record VersionHints(string? Endpoint, IReadOnlyDictionary<string, string>? Annotations, IReadOnlyDictionary<string, string>? Headers)
{
    public static VersionHints None { get; } = new(null, null, null);
}

/// <summary>An inference request read and mapped, waiting for its response (or its timeout).</summary>
public sealed record ServedRequest(
    string Source, string Key, string Model, string BaseId, double TimeMs, FeatureRows Features, string? ModelVersion, VersionHints Hints, ModelMapping Mapping);

/// <summary>An inference response read and mapped, waiting for its request.</summary>
public sealed record ServedResponse(string Source, string Key, string Model, double TimeMs, PredictionValues Predictions, string? ModelVersion, string? Id);

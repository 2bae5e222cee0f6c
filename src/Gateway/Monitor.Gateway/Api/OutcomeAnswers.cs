using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Api;

/// <summary>The 202 answer to labels: how many were accepted, why the others were not, and how the accepted ones joined.</summary>
public sealed record LabelAnswer(int Accepted, int Rejected, IReadOnlyList<IngestAnswer.RecordProblem> Errors, LabelJoinCounts Joins);

/// <summary>The 202 answer to business events: how many were accepted, why the others were not, and how the accepted ones joined.</summary>
public sealed record EventAnswer(int Accepted, int Rejected, IReadOnlyList<IngestAnswer.RecordProblem> Errors, EventJoinCounts Joins);

/// <summary>The shape of one label, for the OpenAPI document only (bodies are read by the gateway's own validating reader).</summary>
public sealed record LabelRecordDocument(string Model, string Id, object? Label, double? Value, DateTimeOffset? Timestamp, string? Version);

/// <summary>The shape of one business event, for the OpenAPI document only.</summary>
public sealed record EventRecordDocument(string Model, string Type, string? Id, string? Version, double? Value, DateTimeOffset? Timestamp);

public sealed record ChampionRequest(string? Version);

public sealed record ChampionAnswer(string Model, string? Champion);

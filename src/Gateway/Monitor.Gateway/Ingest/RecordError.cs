namespace Monitor.Gateway.Ingest;

/// <summary>A refused record: its position in the request and why, in words a person can act on.</summary>
/// <param name="Index">Position of the record: array element, or ordinal among non-blank NDJSON lines.</param>
/// <param name="Error">"field: reason", e.g. "latency_ms: must be a finite number >= 0, got -5".</param>
/// <param name="Reason">The bounded category, for metrics.</param>
public sealed record RecordError(int Index, string Error, RejectionReason Reason);

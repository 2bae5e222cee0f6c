namespace Monitor.Gateway.Ingest;

/// <summary>Why a whole request was refused (the endpoint answers 400, or 413 for too many records).</summary>
public enum IngestFailureKind
{
    /// <summary>The body holds no record at all.</summary>
    EmptyBody,

    /// <summary>The body is not JSON (or NDJSON) of records.</summary>
    NotJson,

    /// <summary>The body ends before its first record does, so no record boundary can be trusted.</summary>
    Truncated,

    /// <summary>Something follows the single top-level JSON value.</summary>
    TrailingContent,

    /// <summary>More records than <see cref="IngestLimits.MaxRecordsPerRequest"/>.</summary>
    TooManyRecords,
}

/// <summary>A request refused as a whole; nothing in it was accepted.</summary>
public sealed record IngestFailure(IngestFailureKind Kind, string Message);

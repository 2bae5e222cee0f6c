namespace Monitor.Gateway.Ingest;

/// <summary>
/// Why a record was refused, in a few fixed categories, so rejections can be counted in Prometheus
/// without an unbounded label. The message beside it carries the detail.
/// </summary>
public enum RejectionReason
{
    /// <summary>The record is not well-formed JSON, or not a JSON object.</summary>
    InvalidJson = 0,

    /// <summary>A required field (model, version, latency_ms, status) is absent or null.</summary>
    MissingField = 1,

    /// <summary>A field has the wrong type or a value outside its domain (including NaN and Infinity).</summary>
    InvalidValue = 2,

    /// <summary>A configured bound was exceeded: string length, features per record, nesting depth.</summary>
    LimitExceeded = 3,

    /// <summary>The timestamp lies too far in the future or beyond the retention.</summary>
    TimestampOutOfRange = 4,

    /// <summary>A field or feature name appears more than once in the same record.</summary>
    DuplicateField = 5,
}

public static class RejectionReasons
{
    /// <summary>Every reason, for pre-creating metric series.</summary>
    public static IReadOnlyList<RejectionReason> All { get; } =
    [
        RejectionReason.InvalidJson, RejectionReason.MissingField, RejectionReason.InvalidValue,
        RejectionReason.LimitExceeded, RejectionReason.TimestampOutOfRange, RejectionReason.DuplicateField,
    ];

    internal const int Count = 6;

    private static readonly string[] Labels =
    [
        "invalid_json", "missing_field", "invalid_value", "limit_exceeded", "timestamp_out_of_range", "duplicate_field",
    ];

    /// <summary>The snake_case name used as a metric label and on the wire.</summary>
    public static string ToLabel(this RejectionReason reason) => Labels[(int)reason];
}

namespace Monitor.Gateway.Ingest;

/// <summary>
/// The top-level fields of predictions, labels and events that Monitor reads; anything else is ignored.
/// Each record type reads its own set (see <see cref="RecordParser"/> and the outcome sessions).
/// </summary>
internal enum RecordField : byte
{
    None = 0,
    Model,
    Version,
    Id,
    Timestamp,
    Features,
    Prediction,
    Confidence,
    LatencyMs,
    Status,
    Error,
    Label,
    Value,
    Type,
    Unknown,
}

internal static class RecordFields
{
    /// <summary>Recognises a field by its (unescaped) UTF-8 name, switching on length first.</summary>
    public static RecordField Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => RecordField.Id,
        4 when name.SequenceEqual("type"u8) => RecordField.Type,
        5 when name.SequenceEqual("label"u8) => RecordField.Label,
        5 when name.SequenceEqual("value"u8) => RecordField.Value,
        5 when name.SequenceEqual("model"u8) => RecordField.Model,
        5 when name.SequenceEqual("error"u8) => RecordField.Error,
        6 when name.SequenceEqual("status"u8) => RecordField.Status,
        7 when name.SequenceEqual("version"u8) => RecordField.Version,
        8 when name.SequenceEqual("features"u8) => RecordField.Features,
        9 when name.SequenceEqual("timestamp"u8) => RecordField.Timestamp,
        10 when name.SequenceEqual("latency_ms"u8) => RecordField.LatencyMs,
        10 when name.SequenceEqual("confidence"u8) => RecordField.Confidence,
        10 when name.SequenceEqual("prediction"u8) => RecordField.Prediction,
        _ => RecordField.Unknown,
    };

    public static string Name(RecordField field) => field switch
    {
        RecordField.Model => "model",
        RecordField.Version => "version",
        RecordField.Id => "id",
        RecordField.Timestamp => "timestamp",
        RecordField.Features => "features",
        RecordField.Prediction => "prediction",
        RecordField.Confidence => "confidence",
        RecordField.LatencyMs => "latency_ms",
        RecordField.Status => "status",
        RecordField.Error => "error",
        RecordField.Label => "label",
        RecordField.Value => "value",
        RecordField.Type => "type",
        _ => "record",
    };
}

namespace Monitor.Gateway.Outcomes;

/// <summary>The top-level fields of labels and events that Monitor reads; anything else is ignored.</summary>
internal enum OutcomeField : byte
{
    Unknown = 0,
    Model,
    Version,
    Id,
    Timestamp,
    Label,
    Value,
    Type,
}

internal static class OutcomeFields
{
    public static OutcomeField Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => OutcomeField.Id,
        4 when name.SequenceEqual("type"u8) => OutcomeField.Type,
        5 when name.SequenceEqual("model"u8) => OutcomeField.Model,
        5 when name.SequenceEqual("label"u8) => OutcomeField.Label,
        5 when name.SequenceEqual("value"u8) => OutcomeField.Value,
        7 when name.SequenceEqual("version"u8) => OutcomeField.Version,
        9 when name.SequenceEqual("timestamp"u8) => OutcomeField.Timestamp,
        _ => OutcomeField.Unknown,
    };

    public static string Name(OutcomeField field) => field switch
    {
        OutcomeField.Model => "model",
        OutcomeField.Version => "version",
        OutcomeField.Id => "id",
        OutcomeField.Timestamp => "timestamp",
        OutcomeField.Label => "label",
        OutcomeField.Value => "value",
        OutcomeField.Type => "type",
        _ => "record",
    };
}

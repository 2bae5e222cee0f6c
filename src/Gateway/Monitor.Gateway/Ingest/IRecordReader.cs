using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// What <see cref="RecordBody"/> needs from the reader of one record type (predictions, labels,
/// events): read one record object, then accept or refuse it. The body splitter decides where records
/// begin and end and what a broken body is; the reader decides what a valid record is.
/// </summary>
internal interface IRecordReader
{
    IngestLimits Limits { get; }

    /// <summary>Set when the request is refused as a whole; records staged so far are then ignored.</summary>
    IngestFailure? Failure { get; set; }

    /// <summary>Forgets the state of the previous record, so a break in the next one is named from its start.</summary>
    void BeginRecord();

    /// <summary>
    /// Reads the object the reader is on, through its closing brace, and holds it pending. False when
    /// it is refused (the reason is kept). Throws <see cref="JsonException"/> when the JSON breaks.
    /// </summary>
    bool Read(ref Utf8JsonReader reader);

    /// <summary>Accepts the pending record as the request's record <paramref name="index"/> (a rule spanning fields may still refuse it).</summary>
    void Accept(int index);

    /// <summary>Refuses the pending record with the reason kept by <see cref="Read"/>.</summary>
    void Reject(int index);

    /// <summary>Refuses an element that could not be read as a record at all.</summary>
    void Reject(int index, RejectionReason reason, string message);

    /// <summary>Refuses the record whose JSON broke; a reason found before the break takes precedence.</summary>
    void RejectBrokenJson(int index, JsonException exception, ReadOnlySpan<byte> element, long bytesConsumed);

    /// <summary>Drops everything staged and refused: the tolerant pass starts over.</summary>
    void Restart();
}

using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.PredictionLog;

/// <summary>
/// Formats the records of a <see cref="PredictionBatch"/> as JSON lines:
/// <c>{"timestamp","model","version","id","features","prediction","confidence","latency_ms","status","error"}</c>.
/// Not thread-safe: the log's single background writer owns one.
/// </summary>
/// <remarks>
/// The timestamp is RFC 3339 UTC with milliseconds. Features appear as the record gave them (number,
/// string or null); a feature the record did not name is left out. The prediction is a number, a string
/// label or null. Absent id, confidence and error are written as null so every line has the same keys.
/// Strings are escaped as JSON requires but non-ASCII text is kept readable.
/// </remarks>
public sealed class PredictionLogLineWriter
{
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Features = JsonEncodedText.Encode("features");
    private static readonly JsonEncodedText Prediction = JsonEncodedText.Encode("prediction");
    private static readonly JsonEncodedText Confidence = JsonEncodedText.Encode("confidence");
    private static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latency_ms");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText Success = JsonEncodedText.Encode("success");
    private static readonly JsonEncodedText Failure = JsonEncodedText.Encode("error");

    // DateTimeOffset's range in Unix milliseconds.
    private const long MinUnixMs = -62_135_596_800_000;
    private const long MaxUnixMs = 253_402_300_799_999;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    private PredictionBatch? _batch;
    private JsonEncodedText _model;
    private JsonEncodedText _version;
    private JsonEncodedText[] _featureNames = [];

    public PredictionLogLineWriter()
    {
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Encoder, Indented = false });
    }

    /// <summary>Prepares the names shared by every record of <paramref name="batch"/>.</summary>
    public void Begin(PredictionBatch batch)
    {
        _batch = batch;
        _model = JsonEncodedText.Encode(batch.Model, Encoder);
        _version = JsonEncodedText.Encode(batch.Version, Encoder);
        if (_featureNames.Length < batch.Features.Length)
        {
            _featureNames = new JsonEncodedText[batch.Features.Length];
        }

        for (var f = 0; f < batch.Features.Length; f++)
        {
            _featureNames[f] = JsonEncodedText.Encode(batch.Features[f].Name, Encoder);
        }
    }

    /// <summary>The UTF-8 line of record <paramref name="index"/> of the current batch, newline included.</summary>
    /// <remarks>The span is valid until the next call.</remarks>
    public ReadOnlySpan<byte> Format(int index)
    {
        var batch = _batch ?? throw new InvalidOperationException($"Call {nameof(Begin)} first.");
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);

        var json = _json;
        json.WriteStartObject();

        var ms = batch.TimestampsMs[index];
        if (ms is >= MinUnixMs and <= MaxUnixMs)
        {
            Span<byte> stamp = stackalloc byte[24];
            FormatTimestamp(ms, stamp);
            json.WriteString(Timestamp, stamp);
        }
        else
        {
            json.WriteNull(Timestamp);
        }

        json.WriteString(Model, _model);
        json.WriteString(Version, _version);
        WriteStringOrNull(json, Id, batch.Ids[index]);

        json.WriteStartObject(Features);
        var columns = batch.Features;
        for (var f = 0; f < columns.Length; f++)
        {
            var column = columns[f];
            switch (column.Kinds[index])
            {
                case FeatureValueKind.Number:
                    WriteNumberOrNull(json, _featureNames[f], column.Numbers[index]);
                    break;
                case FeatureValueKind.Text:
                    WriteStringOrNull(json, _featureNames[f], column.Texts?[index]);
                    break;
                case FeatureValueKind.Null:
                    json.WriteNull(_featureNames[f]);
                    break;
            }
        }

        json.WriteEndObject();

        var predictions = batch.Predictions;
        if (predictions.IsLabel(index))
        {
            json.WriteString(Prediction, predictions.Labels![index]);
        }
        else
        {
            WriteNumberOrNull(json, Prediction, predictions.Numbers[index]);
        }

        WriteNumberOrNull(json, Confidence, batch.Confidences[index]);
        WriteNumberOrNull(json, LatencyMs, batch.LatenciesMs[index]);
        json.WriteString(Status, batch.Succeeded[index] ? Success : Failure);
        WriteStringOrNull(json, Error, batch.ErrorTypes[index]);
        json.WriteEndObject();
        json.Flush();

        _buffer.Write("\n"u8);
        return _buffer.WrittenSpan;
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    // Non-finite numbers are not JSON; validated input has none, but a line must never be lost to one.
    private static void WriteNumberOrNull(Utf8JsonWriter json, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> (24 bytes) for a Unix time in milliseconds.</summary>
    internal static void FormatTimestamp(long unixMs, Span<byte> destination)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;
        Digits(destination[..4], time.Year);
        destination[4] = (byte)'-';
        Digits(destination.Slice(5, 2), time.Month);
        destination[7] = (byte)'-';
        Digits(destination.Slice(8, 2), time.Day);
        destination[10] = (byte)'T';
        Digits(destination.Slice(11, 2), time.Hour);
        destination[13] = (byte)':';
        Digits(destination.Slice(14, 2), time.Minute);
        destination[16] = (byte)':';
        Digits(destination.Slice(17, 2), time.Second);
        destination[19] = (byte)'.';
        Digits(destination.Slice(20, 3), time.Millisecond);
        destination[23] = (byte)'Z';
    }

    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}

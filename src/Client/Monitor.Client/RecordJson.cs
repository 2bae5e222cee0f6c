using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Monitor.Client;

/// <summary>Writes a batch as the JSON array <c>POST /v1/predictions</c> takes (snake_case).</summary>
internal static class RecordJson
{
    public static byte[] Serialize(IReadOnlyList<QueuedRecord> batch)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, batch.Count));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var queued in batch)
            {
                Write(json, queued.Record, queued.Timestamp);
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, PredictionRecord r, DateTimeOffset timestamp)
    {
        json.WriteStartObject();
        json.WriteString("model", r.Model);
        json.WriteString("version", r.Version);
        if (r.Id is not null)
        {
            json.WriteString("id", r.Id);
        }

        json.WriteString("timestamp", (r.Timestamp ?? timestamp).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        if (r.Features is { } features)
        {
            json.WriteStartObject("features");
            foreach (var (name, value) in features)
            {
                json.WritePropertyName(name);
                WriteValue(json, value);
            }

            json.WriteEndObject();
        }

        json.WritePropertyName("prediction");
        WriteValue(json, r.Prediction);
        if (r.Confidence is { } confidence && double.IsFinite(confidence))
        {
            json.WriteNumber("confidence", confidence);
        }

        json.WriteNumber("latency_ms", double.IsFinite(r.LatencyMs) ? r.LatencyMs : -1);
        json.WriteString("status", r.Status);
        if (r.Error is not null)
        {
            json.WriteString("error", r.Error);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteNumberValue(b ? 1 : 0);
                break;
            case double d:
                WriteDouble(json, d);
                break;
            case float f:
                WriteDouble(json, f);
                break;
            case int or long or short or byte or sbyte or uint or ushort:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                json.WriteNumberValue(u);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case IFormattable formattable:
                json.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }

    // Monitor takes finite numbers only; a NaN or infinite value is a missing one.
    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}

/// <summary>A record and the time it was enqueued (its timestamp when it has none).</summary>
internal readonly record struct QueuedRecord(PredictionRecord Record, DateTimeOffset Timestamp);

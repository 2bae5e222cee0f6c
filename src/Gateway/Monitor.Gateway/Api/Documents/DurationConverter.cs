using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Gateway.Api.Documents;

/// <summary>A duration as Prometheus writes it (<c>"30s"</c>, <c>"5m"</c>, <c>"1h30m"</c>) or a number of seconds; written back as text.</summary>
public sealed class DurationConverter : JsonConverter<TimeSpan?>
{
    public const string Expected = "must be a duration such as \"30s\", \"5m\" or \"1h30m\" (or a number of seconds)";

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds) && seconds >= 0 && seconds < 1e9)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return reader.TokenType == JsonTokenType.String && Alerting.Durations.TryParse(reader.GetString()!, out var span)
            ? span
            : throw new JsonException(Expected);
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Alerting.Durations.Format(value!.Value));
}

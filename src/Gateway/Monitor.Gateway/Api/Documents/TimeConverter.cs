using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Gateway.Api.Documents;

/// <summary>A time in a document: RFC 3339, a time without an offset being UTC (not the server's zone).</summary>
public sealed class TimeConverter : JsonConverter<DateTimeOffset>
{
    public const string Expected = "must be an RFC 3339 time such as 2026-11-24T10:00:00Z";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new JsonException(Expected);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

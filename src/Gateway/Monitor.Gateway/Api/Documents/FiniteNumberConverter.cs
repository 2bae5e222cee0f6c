using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Gateway.Api.Documents;

/// <summary>Numbers in documents are finite: <c>1e400</c> would otherwise be read as infinity.</summary>
public sealed class FiniteNumberConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : throw new JsonException("must be a finite number");

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

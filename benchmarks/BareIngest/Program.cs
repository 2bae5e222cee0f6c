using System.Text.Json;
using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BareJson.Default));
var app = builder.Build();

// Parses one record or an array of records and answers how many: no validation, no routing, no state.
app.MapPost("/v1/predictions", async (HttpRequest request) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
    var count = bytes.TrimStart(" \t\r\n"u8) is [(byte)'[', ..]
        ? JsonSerializer.Deserialize(bytes, BareJson.Default.BareRecordArray)!.Length
        : JsonSerializer.Deserialize(bytes, BareJson.Default.BareRecord) is null ? 0 : 1;
    return Results.Json(new BareAnswer(count, 0), BareJson.Default.BareAnswer, statusCode: 202);
});
app.Run();

internal sealed record BareRecord(
    string Model,
    string Version,
    string? Id,
    DateTimeOffset? Timestamp,
    Dictionary<string, JsonElement>? Features,
    JsonElement Prediction,
    double? Confidence,
    double LatencyMs,
    string Status,
    string? Error);

internal sealed record BareAnswer(int Accepted, int Rejected);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BareRecord))]
[JsonSerializable(typeof(BareRecord[]))]
[JsonSerializable(typeof(BareAnswer))]
internal sealed partial class BareJson : JsonSerializerContext;

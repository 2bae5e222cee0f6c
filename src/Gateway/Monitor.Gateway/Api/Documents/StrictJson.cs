using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Gateway.Api.Documents;

/// <summary>
/// Reads a control-plane request body (rules, channels, routes, silences, settings) into a typed document:
/// snake_case names, unknown and repeated fields refused (a typo in a threshold's name must not pass
/// silently, and JSON parsers disagree on which of two equal keys wins), nulls only where the document
/// allows them, numbers finite; then the document's own checks (<see cref="DocumentChecks"/>). A refused
/// body is answered with a problem naming the field and the reason.
/// </summary>
public static class StrictJson
{
    public const int MaxBytes = 1024 * 1024;

    public static JsonSerializerOptions Options { get; } = Create();

    public static async Task<(T? Document, IResult? Problem)> ReadAsync<T>(HttpContext context, int maxBytes = MaxBytes)
        where T : class
    {
        if (await RequestBody.ReadAsync(context, maxBytes) is not { } body)
        {
            return (null, Problems.Field("body", $"must be at most {maxBytes} bytes", StatusCodes.Status413PayloadTooLarge));
        }

        var json = BodyText.WithoutBom(body.Buffer.AsSpan(0, body.Length));
        if ((BodyText.Utf8Problem(json) ?? BodyText.JsonProblem(json)) is { } unreadable)
        {
            return (null, Problems.Field("body", unreadable));
        }

        T? document;
        try
        {
            document = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException e)
        {
            var (field, reason) = JsonRefusal.Explain(e, typeof(T), Options);
            return (null, Problems.Field(field, reason));
        }

        if (document is null)
        {
            return (null, Problems.Field("body", "must be a JSON object"));
        }

        return DocumentChecks.FirstProblem(document, Options) is { } problem ? (null, Problems.Field(problem.Field, problem.Reason)) : (document, null);
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            MaxDepth = 64,
        };
        options.Converters.Add(new FiniteNumberConverter());
        options.Converters.Add(new TimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Text.Json;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>Reads a small JSON request body, or answers why it cannot be read.</summary>
public static class JsonBody
{
    private const int MaxBytes = 1024 * 1024;

    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.Field("body", $"must be at most {MaxBytes} bytes", StatusCodes.Status413PayloadTooLarge));
        }

        try
        {
            using var limited = new MemoryStream();
            await request.Body.CopyToAsync(limited, request.HttpContext.RequestAborted);
            if (limited.Length > MaxBytes)
            {
                return (null, Problems.Field("body", $"must be at most {MaxBytes} bytes", StatusCodes.Status413PayloadTooLarge));
            }

            var body = BodyText.WithoutBom(limited.GetBuffer().AsSpan(0, (int)limited.Length));
            if (BodyText.Utf8Problem(body) is { } notUtf8)
            {
                return (null, Problems.Field("body", notUtf8));
            }

            return (JsonDocument.Parse(body.ToArray()), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Field("body", $"is not valid JSON ({ex.Message})"));
        }
    }

    public static IResult Refused(Monitor.Grains.Alerting.FieldProblem problem, int status = StatusCodes.Status400BadRequest) =>
        Problems.Field(problem.Field, problem.Reason, status);
}

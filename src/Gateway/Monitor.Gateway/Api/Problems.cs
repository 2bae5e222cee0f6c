namespace Monitor.Gateway.Api;

/// <summary>RFC 7807 answers that name the field at fault and say what to do about it.</summary>
public static class Problems
{
    public static IResult Field(string field, string reason, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            detail: $"{field}: {reason}",
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status401Unauthorized => "Unauthorized",
                StatusCodes.Status403Forbidden => "Forbidden",
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status429TooManyRequests => "Too many requests",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status409Conflict => "Conflict",
                _ => "Invalid request",
            },
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult UnknownVersion(string model, string version) =>
        Field("version", $"model '{model}' has no version '{version}'; send a record for it first", StatusCodes.Status404NotFound);

    public static IResult Unavailable(string detail, TimeSpan retryAfter, HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable");
    }
}

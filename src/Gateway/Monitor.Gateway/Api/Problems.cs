namespace Monitor.Gateway.Api;

/// <summary>RFC 7807 answers that name the field at fault and say what to do about it.</summary>
public static class Problems
{
    /// <summary>The longest reason a problem carries: reasons may quote input, which must not come back whole.</summary>
    public const int MaxReasonLength = 400;

    public static IResult Field(string field, string reason, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            detail: $"{field}: {(reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…")}",
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status401Unauthorized => "Unauthorized",
                StatusCodes.Status403Forbidden => "Forbidden",
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status408RequestTimeout => "Request timeout",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported Media Type",
                StatusCodes.Status429TooManyRequests => "Too many requests",
                StatusCodes.Status413PayloadTooLarge => "Request body too large",
                StatusCodes.Status409Conflict => "Conflict",
                _ => "Invalid request",
            },
            extensions: new Dictionary<string, object?> { ["field"] = field });

    public static IResult Field(Monitor.Grains.Alerting.FieldProblem problem, int status = StatusCodes.Status400BadRequest) =>
        Field(problem.Field, problem.Reason, status);

    /// <summary>Several problems at once: the first in the detail, all of them in "errors" as {field, reason}.</summary>
    public static IResult Fields(IReadOnlyList<Monitor.Grains.Drift.FieldProblem> problems, int status = StatusCodes.Status400BadRequest)
    {
        var first = problems[0];
        var detail = problems.Count == 1 ? $"{first.Field}: {first.Reason}" : $"{first.Field}: {first.Reason} (and {problems.Count - 1} more problems)";
        return TypedResults.Problem(
            detail: detail,
            statusCode: status,
            title: status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request",
            extensions: new Dictionary<string, object?>
            {
                ["field"] = first.Field,
                ["errors"] = problems.Select(p => new Dictionary<string, string> { ["field"] = p.Field, ["reason"] = p.Reason }).ToList(),
            });
    }

    public static IResult UnknownVersion(string model, string version) =>
        Field("version", $"model '{Shown(model)}' has no version '{Shown(version)}'; send a record for it first", StatusCodes.Status404NotFound);

    /// <summary>A name from the request as a problem quotes it: at most 80 characters.</summary>
    public static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";

    public static IResult Unavailable(string detail, TimeSpan retryAfter, HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable");
    }
}

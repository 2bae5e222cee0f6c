using Microsoft.AspNetCore.Diagnostics;

namespace Monitor.Gateway.Api;

/// <summary>
/// Answers with no body of their own (routing's 404, 405 and 415) become problems; a 415 names
/// <c>Content-Type</c>, what was sent, and the types the endpoint accepts.
/// </summary>
public static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext status)
    {
        var http = status.HttpContext;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (http.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            var accepted = http.RequestServices.GetRequiredService<AcceptedContentTypes>().For(http.Request);
            var sent = http.Request.ContentType is { Length: > 0 } type ? $"'{(type.Length <= 80 ? type : type[..80] + "…")}' is not accepted here" : "is missing";
            var detail = accepted.Count > 0 ? $"Content-Type: {sent}; send one of {string.Join(", ", accepted)}" : $"Content-Type: {sent}";
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported Media Type",
                    Detail = detail,
                    Extensions = { ["field"] = "Content-Type", ["accepted"] = accepted },
                },
            });
            return;
        }

        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = http.Response.StatusCode } });
    }
}

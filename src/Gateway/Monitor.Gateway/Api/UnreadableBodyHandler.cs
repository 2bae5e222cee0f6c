using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;

namespace Monitor.Gateway.Api;

/// <summary>
/// A request body that cannot be read is the client's fault, whatever endpoint reads it: sent too slowly
/// (Kestrel's minimum data rate) is 408, cut off or with broken chunk framing is 400, never a 500 with a
/// stack trace. Nothing of such a request was kept, and the answer says so.
/// </summary>
public sealed partial class UnreadableBodyHandler(ILogger<UnreadableBodyHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || Classify(exception) is not var (status, reason))
        {
            return false;
        }

        LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        httpContext.Response.StatusCode = status;
        await Problems.Field("body", reason + "; nothing of this request was kept, send it again", status).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The status and reason for a failure to read the body, or null for any other failure.</summary>
    public static (int Status, string Reason)? Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
            (StatusCodes.Status408RequestTimeout, "arrived more slowly than the minimum data rate (Monitor:Gateway:MinRequestBodyBytesPerSecond)"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "larger than the limit"),
        BadHttpRequestException bad => (StatusCodes.Status400BadRequest, $"could not be read: {bad.Message.TrimEnd('.')}"),
        ConnectionResetException => (StatusCodes.Status400BadRequest, "the connection was reset while it was read"),
        IOException { InnerException: BadHttpRequestException inner } => Classify(inner),
        IOException io when FromServer(io) => (StatusCodes.Status400BadRequest, $"could not be read: {io.Message.TrimEnd('.')}"),
        _ => null,
    };

    // Kestrel throws some framing errors (a chunk size that overflows) as IOException; only those thrown by
    // the server itself while reading the request are the client's fault, not a full disk in an endpoint.
    private static bool FromServer(IOException exception) =>
        exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.AspNetCore.Server.", StringComparison.Ordinal) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {Status}: the request body could not be read ({Reason})")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string reason);
}

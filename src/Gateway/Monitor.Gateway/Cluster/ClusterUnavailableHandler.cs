using Microsoft.AspNetCore.Diagnostics;
using Monitor.Gateway.Api;

namespace Monitor.Gateway.Cluster;

/// <summary>
/// Any endpoint whose grain call fails because a silo died, is unreachable, stalls or cannot reach
/// its storage answers 503 with Retry-After (not 500): the caller should retry, and since nothing was
/// acknowledged, nothing was promised.
/// </summary>
public sealed partial class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientClusterFailure.Is(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await Problems.Unavailable("the cluster could not complete this request (a silo or its storage is unavailable); nothing was changed, retry shortly", TimeSpan.FromSeconds(2), httpContext)
            .ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string failure);
}

namespace Monitor.Gateway.Api;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every answer (API, problems, dashboard assets, metrics), so a browser
/// never runs an answer as another type than the one it declares. Set as the response starts, so answers
/// rewritten by the exception handler keep it.
/// </summary>
public static class NoSniff
{
    public static IApplicationBuilder UseNoSniff(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                ((HttpContext)state).Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}

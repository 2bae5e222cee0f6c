using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Monitor.Gateway.Dashboard;

/// <summary>
/// The web dashboard: <c>/</c> serves its page and <c>/assets/</c> its scripts and styles, all embedded
/// in this assembly (no CDN, no build step). The page reads the same HTTP API as everyone else.
/// </summary>
public static class DashboardEndpoints
{
    public const string AssetsPath = "/assets";

    // Everything the page loads comes from the gateway itself; the policy makes a stray external
    // reference fail loudly in the browser instead of silently needing the internet.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";

    public static WebApplication MapMonitorDashboard(this WebApplication app)
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var site = new ManifestEmbeddedFileProvider(assembly, "DashboardSite");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new ManifestEmbeddedFileProvider(assembly, "DashboardSite/assets"),
            RequestPath = AssetsPath,
            OnPrepareResponse = context => Secure(context.Context.Response),
        });

        // The page holds no data; it asks for a key when the API it reads refuses it.
        app.MapGet("/", (HttpContext context) => Index(context, site))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task Index(HttpContext context, IFileProvider site)
    {
        var file = site.GetFileInfo("index.html");
        context.Response.ContentType = "text/html; charset=utf-8";
        Secure(context.Response);
        await using var stream = file.CreateReadStream();
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static void Secure(HttpResponse response)
    {
        // Revalidate on every load so a new gateway's page is picked up at once (ETag makes it cheap).
        response.Headers[HeaderNames.CacheControl] = "no-cache";
        response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}

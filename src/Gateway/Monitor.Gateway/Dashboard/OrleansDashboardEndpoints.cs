using Monitor.Gateway.Security;
using Monitor.Silo;
using Orleans.Dashboard;

namespace Monitor.Gateway.Dashboard;

/// <summary>
/// The Orleans dashboard (silos, grains, call rates and latencies) under <c>/orleans</c>; not served when
/// <c>Monitor:OrleansDashboard:Enabled</c> is false or <c>Monitor:Security:OrleansDashboard</c> is off. Who may
/// open it is the <see cref="ApiPolicies.OrleansDashboard"/> policy's say (admin by default once keys are configured).
/// </summary>
public static class OrleansDashboardEndpoints
{
    public const string Path = "/orleans";

    public static WebApplication MapMonitorOrleansDashboard(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        if (OrleansDashboardSettings.From(app.Configuration).Enabled && security.OrleansDashboardAccess != BrowserPageAccess.Off)
        {
            app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(ApiPolicies.OrleansDashboard).ExcludeFromDescription();
        }

        return app;
    }
}

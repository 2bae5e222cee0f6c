using Monitor.Silo;
using Orleans.Dashboard;

namespace Monitor.Gateway.Dashboard;

/// <summary>The Orleans dashboard (silos, grains, call rates and latencies) under <c>/orleans</c>.</summary>
public static class OrleansDashboardEndpoints
{
    public const string Path = "/orleans";

    public static WebApplication MapMonitorOrleansDashboard(this WebApplication app)
    {
        if (OrleansDashboardSettings.From(app.Configuration).Enabled)
        {
            app.MapOrleansDashboard(routePrefix: Path).ExcludeFromDescription();
        }

        return app;
    }
}

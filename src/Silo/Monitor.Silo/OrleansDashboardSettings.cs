using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;

namespace Monitor.Silo;

/// <summary>
/// The Orleans dashboard (cluster internals: silos, grain activations, call rates) under <c>/orleans</c>
/// on the gateway (configuration section <c>Monitor:OrleansDashboard</c>). Silos collect its figures;
/// a gateway shows them, whether it co-hosts a silo or is an Orleans client of a cluster whose silos
/// all have it enabled.
/// </summary>
public sealed class OrleansDashboardSettings
{
    public const string Section = "Monitor:OrleansDashboard";

    public bool Enabled { get; set; } = true;

    /// <summary>Hides the dashboard's live log stream (its "trace" page), which shows every grain call.</summary>
    public bool HideTrace { get; set; }

    public static OrleansDashboardSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<OrleansDashboardSettings>() ?? new();

    public void Apply(DashboardOptions options) => options.HideTrace = HideTrace;
}

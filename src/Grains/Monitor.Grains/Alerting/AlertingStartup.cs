using Microsoft.Extensions.Logging;
using Monitor.Grains.Models;

namespace Monitor.Grains.Alerting;

/// <summary>
/// When a silo starts, wakes every model's alert grain, which wakes its groups: notifications that were
/// persisted but not delivered before a stop or crash go out again, and alerts not re-sent in time
/// are checked with their versions.
/// </summary>
public sealed class AlertingStartup(IGrainFactory grains, ILogger<AlertingStartup> logger) : ModelGrainsWakeUp(grains, logger)
{
    protected override string Woken => "alert";

    protected override string Otherwise => "they resume on their next alert";

    protected override Task Wake(IGrainFactory grains, string model) => grains.GetGrain<IModelAlertsGrain>(model).Resume();
}

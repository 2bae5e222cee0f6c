using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Grains.Models;

namespace Monitor.Gateway.Health;

/// <summary>Ready once a grain call round-trips: the silo (co-hosted or remote) can take records.</summary>
public sealed class ClusterReadyCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IModelRegistryGrain>(0).Contains(string.Empty, string.Empty).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("the cluster does not answer", ex);
        }
    }
}

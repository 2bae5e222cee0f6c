using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitor.Gateway.Durability;

/// <summary>Ready once the calls a previous gateway process acknowledged are back in their versions.</summary>
public sealed class IngestLogReadyCheck(IngestLogService service) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(service.Replayed ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("replaying the ingest log"));
}

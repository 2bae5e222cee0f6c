namespace Monitor.Gateway.Security;

/// <summary>Says at start whether /v1 is protected, and warns loudly when it is open.</summary>
public sealed partial class SecurityStartupReport(ApiKeyRing ring, Microsoft.Extensions.Options.IOptions<SecurityOptions> options, ILogger<SecurityStartupReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!ring.Enabled)
        {
            LogOpen(logger);
        }
        else
        {
            LogKeys(
                logger,
                ring.Keys.Count,
                ring.Keys.Count(k => k.Role == ApiKeyRole.Ingest),
                ring.Keys.Count(k => k.Role == ApiKeyRole.Read),
                ring.Keys.Count(k => k.Role == ApiKeyRole.Admin),
                options.Value.ProtectMetrics ? "needs a read key" : "is open");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No API keys are configured: anyone who can reach this address may send telemetry, read and change configuration under /v1. " +
        "Fine for a single node on localhost; elsewhere configure Monitor:Security:ApiKeys (run 'monitor apikey' to make one).")]
    private static partial void LogOpen(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "/v1 needs an API key: {Count} configured ({Ingest} ingest, {Read} read, {Admin} admin); /metrics {Metrics}")]
    private static partial void LogKeys(ILogger logger, int count, int ingest, int read, int admin, string metrics);
}

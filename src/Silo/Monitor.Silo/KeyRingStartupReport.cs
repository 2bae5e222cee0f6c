using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Silo;

/// <summary>Says at start where the key ring of secrets at rest is, and warns when a cluster silo keeps its own.</summary>
public sealed partial class KeyRingStartupReport(string directory, bool unsharedInCluster, ILogger<KeyRingStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (unsharedInCluster)
        {
            LogUnshared(logger, directory);
        }
        else
        {
            LogKeyRing(logger, directory);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel secrets are encrypted at rest with the key ring in {Directory}")]
    private static partial void LogKeyRing(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Channel secrets are encrypted at rest with the key ring in {Directory}, which is this silo's own: every silo of a cluster must share one key ring, " +
        "or secrets stored by one cannot be read by another. Set Monitor:DataProtection:KeyRingDirectory to a directory all silos mount.")]
    private static partial void LogUnshared(ILogger logger, string directory);
}

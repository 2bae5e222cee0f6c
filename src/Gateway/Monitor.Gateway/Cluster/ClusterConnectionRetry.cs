namespace Monitor.Gateway.Cluster;

/// <summary>
/// A gateway started before its silos (or while they restart) keeps trying to reach the cluster
/// instead of exiting: every two seconds, with a log line each time.
/// </summary>
public sealed partial class ClusterConnectionRetry(ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        LogWaiting(logger, ++_attempts, exception.Message);
        await Task.Delay(Delay, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo answers yet (attempt {Attempt}: {Reason}); retrying")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}

using Microsoft.Extensions.Options;
using Monitor.Gateway.Cluster;

namespace Monitor.Gateway.Routing;

/// <summary>
/// Retries a grain call through transient cluster failures (a silo dying, a failover, storage
/// restarting) with growing pauses, until a deadline. Only calls that are safe to repeat go through
/// it: registrations are idempotent and ingest calls carry an <see cref="Monitor.Grains.Versions.IngestToken"/>.
/// </summary>
public sealed partial class ClusterRetry(IOptions<GatewayIngestOptions> options, TimeProvider time, ILogger<ClusterRetry> logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    public TimeProvider Time => time;

    public TimeSpan Timeout => options.Value.RetryTimeout;

    public Task<T> Run<T>(Func<Task<T>> call, string what) => Run(call, time.GetUtcNow() + Timeout, what);

    public async Task<T> Run<T>(Func<Task<T>> call, DateTimeOffset deadline, string what)
    {
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (TransientClusterFailure.Is(ex) && time.GetUtcNow() + pause < deadline)
            {
                LogRetrying(logger, what, attempt, ex.GetType().Name, pause.TotalMilliseconds);
                await Task.Delay(pause, time);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{What}: attempt {Attempt} failed ({Failure}); retrying in {PauseMs} ms")]
    private static partial void LogRetrying(ILogger logger, string what, int attempt, string failure, double pauseMs);
}

using Microsoft.Extensions.Options;
using Monitor.Gateway.Cluster;
using Polly;
using Polly.Retry;

namespace Monitor.Gateway.Routing;

/// <summary>
/// Retries a grain call through transient cluster failures (a silo dying, a failover, storage
/// restarting) with pauses doubling from 100 ms to 2 s, until a deadline: a pause that would end past
/// the deadline is not taken and the failure stands. Only calls that are safe to repeat go through it:
/// registrations are idempotent and ingest calls carry an <see cref="Monitor.Grains.Versions.IngestToken"/>.
/// </summary>
public sealed partial class ClusterRetry
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("monitor.deadline");
    private static readonly ResiliencePropertyKey<string> What = new("monitor.what");
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    private readonly IOptions<GatewayIngestOptions> _options;
    private readonly ResiliencePipeline _pipeline;

    public ClusterRetry(IOptions<GatewayIngestOptions> options, TimeProvider time, ILogger<ClusterRetry> logger)
    {
        _options = options;
        Time = time;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstPause,
                MaxDelay = LongestPause,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex
                    && TransientClusterFailure.Is(ex)
                    && time.GetUtcNow() + Pause(args.AttemptNumber) < args.Context.Properties.GetValue(Deadline, DateTimeOffset.MinValue)),
                OnRetry = args =>
                {
                    LogRetrying(logger, args.Context.Properties.GetValue(What, "call"), args.AttemptNumber + 1, args.Outcome.Exception!.GetType().Name, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public TimeProvider Time { get; }

    public TimeSpan Timeout => _options.Value.RetryTimeout;

    public Task<T> Run<T>(Func<Task<T>> call, string what) => Run(call, Time.GetUtcNow() + Timeout, what);

    public async Task<T> Run<T>(Func<Task<T>> call, DateTimeOffset deadline, string what)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(Deadline, deadline);
        context.Properties.Set(What, what);
        try
        {
            return await _pipeline.ExecuteAsync(static async (_, call) => await call().ConfigureAwait(false), context, call).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The pause after attempt <paramref name="attemptNumber"/> (from 0), as the exponential strategy above takes it.</summary>
    private static TimeSpan Pause(int attemptNumber) =>
        TimeSpan.FromTicks(Math.Min(FirstPause.Ticks << Math.Min(attemptNumber, 20), LongestPause.Ticks));

    [LoggerMessage(Level = LogLevel.Information, Message = "{What}: attempt {Attempt} failed ({Failure}); retrying in {PauseMs} ms")]
    private static partial void LogRetrying(ILogger logger, string what, int attempt, string failure, double pauseMs);
}

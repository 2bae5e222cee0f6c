using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Monitor.Grains.Alerting.Delivery;

/// <summary>
/// Delivers notifications off the grains, each on its own task: per channel at most
/// <see cref="DeliveryOptions.ConcurrencyPerChannel"/> attempts at a time, each with a timeout, retried
/// with exponential backoff and jitter. A slow or failing channel holds only its own slots; retries wait
/// without holding one. The outcome goes back to the group grain, which keeps the notification in its
/// outbox until then.
/// </summary>
public sealed partial class NotificationDispatcher : INotificationDispatcher, IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly AlertingSnapshotSource _source;
    private readonly Dictionary<ChannelKind, INotificationSender> _senders;
    private readonly NotificationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly DeliveryOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<(string Group, string Channel), string> _latest = [];
    private readonly Dictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    public NotificationDispatcher(
        IGrainFactory grains,
        AlertingSnapshotSource source,
        IEnumerable<INotificationSender> senders,
        NotificationMetrics metrics,
        TimeProvider time,
        IOptions<AlertingOptions> options,
        ILogger<NotificationDispatcher> logger)
    {
        _grains = grains;
        _source = source;
        _senders = senders.ToDictionary(s => s.Kind);
        _metrics = metrics;
        _time = time;
        _options = options.Value.Delivery;
        _logger = logger;
    }

    public void Dispatch(Notification notification)
    {
        lock (_latest)
        {
            if (_latest.TryGetValue((notification.GroupId, notification.Channel), out var current) && current == notification.Id)
            {
                // Already on its way (a group re-activated while its delivery was still running).
                return;
            }

            _latest[(notification.GroupId, notification.Channel)] = notification.Id;
        }

        _ = Task.Run(() => DeliverAsync(notification));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task DeliverAsync(Notification notification)
    {
        var stopping = _stopping.Token;
        try
        {
            // One pipeline per notification: its attempts count against the channel's limit as it is at each attempt.
            var attempts = 0;
            var retry = new ResiliencePipelineBuilder<bool> { TimeProvider = _time }
                .AddRetry(new RetryStrategyOptions<bool>
                {
                    MaxRetryAttempts = int.MaxValue,
                    ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result),
                    DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                        RetryBackoff.Delay(args.AttemptNumber + 1, _options.InitialBackoff, _options.MaxBackoff, Random.Shared)),
                    OnRetry = args =>
                    {
                        LogRetry(_logger, notification.Channel, notification.GroupKey, args.AttemptNumber + 1, args.Duration, args.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
            await retry.ExecuteAsync(async token => await TryOnceAsync(notification, ++attempts, token).ConfigureAwait(false), stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The silo is stopping: the notification stays in its group's outbox and is delivered after the restart.
        }
        finally
        {
            lock (_latest)
            {
                if (_latest.TryGetValue((notification.GroupId, notification.Channel), out var current) && current == notification.Id)
                {
                    _latest.Remove((notification.GroupId, notification.Channel));
                }
            }
        }
    }

    /// <summary>One attempt, settled unless it failed in a way worth retrying: true asks for another attempt.</summary>
    private async Task<bool> TryOnceAsync(Notification notification, int attempt, CancellationToken stopping)
    {
        if (IsSuperseded(notification))
        {
            _metrics.Count(notification.Channel, "superseded");
            return false;
        }

        var channel = (await _source.GetAsync().ConfigureAwait(false)).Config.Channel(notification.Channel);
        if (channel is null || !_senders.TryGetValue(channel.Kind, out var sender))
        {
            _metrics.Count(notification.Channel, "dropped");
            LogDropped(_logger, notification.Channel, notification.GroupKey);
            await SettleAsync(notification, DeliveryOutcome.Dropped).ConfigureAwait(false);
            return false;
        }

        var result = await AttemptAsync(sender, channel, notification, stopping).ConfigureAwait(false);
        if (result.Success)
        {
            _metrics.Count(channel.Name, "success");
            await SettleAsync(notification, DeliveryOutcome.Delivered).ConfigureAwait(false);
            return false;
        }

        var maxAttempts = channel.MaxAttempts ?? _options.MaxAttempts;
        if (!result.Retryable || attempt >= maxAttempts)
        {
            _metrics.Count(channel.Name, "failure");
            LogGaveUp(_logger, channel.Name, notification.GroupKey, attempt, SecretScrubber.Scrub(result.Detail, channel));
            await SettleAsync(notification, DeliveryOutcome.Failed).ConfigureAwait(false);
            return false;
        }

        _metrics.Count(channel.Name, "retry");
        LogFailedAttempt(_logger, channel.Name, notification.GroupKey, attempt, SecretScrubber.Scrub(result.Detail, channel));
        return true;
    }

    private async Task<DeliveryAttempt> AttemptAsync(INotificationSender sender, ChannelConfig channel, Notification notification, CancellationToken stopping)
    {
        var slots = Slots(channel.Name);
        await slots.WaitAsync(stopping).ConfigureAwait(false);
        var timeout = channel.Timeout ?? _options.Timeout;
        using var timer = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, stopping);
        try
        {
            return await sender.SendAsync(channel, notification, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return DeliveryAttempt.Retry($"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (Targets.TargetRefusedException ex)
        {
            // The address will not become allowed by retrying: give up now, counted as a failure.
            return DeliveryAttempt.Fail($"not connected: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return DeliveryAttempt.Retry($"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            slots.Release();
        }
    }

    private SemaphoreSlim Slots(string channel)
    {
        lock (_slots)
        {
            if (!_slots.TryGetValue(channel, out var slots))
            {
                slots = new SemaphoreSlim(Math.Max(1, _options.ConcurrencyPerChannel));
                _slots[channel] = slots;
            }

            return slots;
        }
    }

    private bool IsSuperseded(Notification notification)
    {
        lock (_latest)
        {
            return _latest.TryGetValue((notification.GroupId, notification.Channel), out var current) && current != notification.Id;
        }
    }

    private async Task SettleAsync(Notification notification, DeliveryOutcome outcome)
    {
        try
        {
            await _grains.GetGrain<IAlertGroupGrain>(notification.GroupId).Settle(notification.Channel, notification.Id, outcome).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The outbox still holds it: it is delivered again when the group is next activated.
            LogSettleFailed(_logger, ex.GetType().Name, notification.GroupKey);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification of {GroupKey} to channel {Channel} dropped: the channel no longer exists")]
    private static partial void LogDropped(ILogger logger, string channel, string groupKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification of {GroupKey} to channel {Channel} failed after {Attempts} attempts: {Detail}")]
    private static partial void LogGaveUp(ILogger logger, string channel, string groupKey, int attempts, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification of {GroupKey} to channel {Channel}, attempt {Attempt} failed ({Detail})")]
    private static partial void LogFailedAttempt(ILogger logger, string channel, string groupKey, int attempt, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification of {GroupKey} to channel {Channel}: attempt {Attempt} took {Duration}; retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string channel, string groupKey, int attempt, TimeSpan duration, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report a delivery outcome to group {GroupKey} ({Error}); it is delivered again on the group's next activation")]
    private static partial void LogSettleFailed(ILogger logger, string error, string groupKey);
}

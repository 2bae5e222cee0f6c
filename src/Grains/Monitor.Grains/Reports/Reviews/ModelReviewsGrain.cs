using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Alerting;
using Monitor.Grains.Alerting.Delivery;
using Monitor.Grains.History;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Reports.Reviews;

/// <summary>
/// A model's scheduled reviews. When a period ends, the review of it is built from the same queries as
/// GET .../report and sent to each channel; the state records which channels still wait and, once all are
/// done, the period as sent. Every change is written before the next step, so a restart resumes where it
/// stopped: a period is sent once (a channel that received it just before a crash may receive it again).
/// Any call first does the work that is due, so a read after a restart sees it done.
/// </summary>
public sealed partial class ModelReviewsGrain(
    [PersistentState("model-reviews", MonitorStorage.Name)] IPersistentState<ModelReviewsState> state,
    ReviewSender sender,
    TimeProvider time,
    IOptions<AlertingOptions> alerting,
    IOptions<VersionWindowOptions> windows,
    IOptions<VersionHistoryOptions> history,
    ILogger<ModelReviewsGrain> logger) : Grain, IModelReviewsGrain
{
    /// <summary>Rounds over the waiting channels before the rest are given up.</summary>
    public const int MaxAttempts = 6;

    private IGrainTimer? _timer;

    private string Model => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Arm();
        return Task.CompletedTask;
    }

    public async Task<ReviewStatus?> GetStatus()
    {
        await RunDueAsync();
        return Status();
    }

    public async Task<ReviewStatus> SetSchedule(ReviewSchedule schedule)
    {
        await RunDueAsync();
        var s = state.State;
        if (s.Schedule?.Schedule != schedule.Schedule)
        {
            (s.NextPeriodStart, s.NextPeriodEnd) = ReviewCalendar.PeriodContaining(schedule.Schedule, time.GetUtcNow());
            s.PendingChannels = [];
            s.Attempts = 0;
        }
        else
        {
            s.PendingChannels = [.. s.PendingChannels.Intersect(schedule.Channels, StringComparer.Ordinal)];
        }

        s.Schedule = schedule;
        await state.WriteStateAsync();
        Arm();
        return Status()!;
    }

    public async Task<bool> DeleteSchedule()
    {
        if (state.State.Schedule is null)
        {
            return false;
        }

        // The figures stay: a schedule set again later still compares with the last review sent.
        var kept = state.State.LastFigures;
        state.State = new ModelReviewsState { LastFigures = kept };
        await state.WriteStateAsync();
        Arm();
        return true;
    }

    public Task<PeriodFigures?> GetLastFigures() => Task.FromResult(state.State.LastFigures);

    public Task Resume() => RunDueAsync();

    private ReviewStatus? Status()
    {
        var s = state.State;
        return s.Schedule is null ? null : new ReviewStatus
        {
            Model = Model,
            Schedule = s.Schedule,
            LastSentPeriodEnd = s.LastSentPeriodEnd,
            NextPeriodStart = s.NextPeriodStart,
            NextPeriodEnd = s.NextPeriodEnd,
            PendingChannels = s.PendingChannels,
            LastError = s.LastError,
            ReviewsSent = s.ReviewsSent,
        };
    }

    private async Task RunDueAsync()
    {
        var s = state.State;
        if (s.Schedule is not { } schedule)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (s.PendingChannels.Length == 0)
        {
            if (now < s.NextPeriodEnd)
            {
                return;
            }

            // After a stop longer than a period, the review goes out for the last period that ended; the windows no longer hold the others.
            var last = ReviewCalendar.LastEnded(schedule.Schedule, now);
            if (last.End > s.NextPeriodEnd)
            {
                s.SkippedWhileStopped += ReviewCalendar.PeriodsBetween(schedule.Schedule, s.NextPeriodEnd, last.End);
                LogSkipped(logger, Model, s.NextPeriodEnd, last.Start);
                (s.NextPeriodStart, s.NextPeriodEnd) = last;
            }

            s.PendingChannels = [.. schedule.Channels];
            s.Attempts = 0;
            await state.WriteStateAsync();
        }

        try
        {
            await SendPendingAsync(schedule);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The report could not be built (a version unreachable): the round counts as failed and is tried again.
            s.Attempts++;
            s.LastError = $"report: {ex.GetType().Name}";
            LogFailed(logger, Model, "(all)", ex.GetType().Name);
            await state.WriteStateAsync();
        }
        finally
        {
            Arm();
        }
    }

    private async Task SendPendingAsync(ReviewSchedule schedule)
    {
        var s = state.State;
        var start = s.NextPeriodStart;
        var end = s.NextPeriodEnd;
        var period = ReportPeriod.Of(end - start);
        var inputs = await new ReportSource(GrainFactory).LoadAsync(
            Model, schedule.Version, period, time.GetUtcNow(), windows.Value.Retention, windows.Value.FineSpan, s.LastFigures, history.Value.Reach);
        var report = ReviewReportBuilder.Build(inputs);
        if (s.SkippedWhileStopped > 0)
        {
            report = report with { Notes = [.. report.Notes, $"{s.SkippedWhileStopped} earlier review(s) were not sent: Monitor was not running when their periods ended."] };
        }

        var message = ReviewMessage.From(report, schedule, start, end, alerting.Value.ExternalUrl);
        var config = await GrainFactory.GetGrain<IAlertingConfigGrain>(0).GetConfig();
        var waiting = new List<string>();
        foreach (var name in s.PendingChannels)
        {
            var attempt = config.Channel(name) is { } channel
                ? await AttemptAsync(channel, message)
                : DeliveryAttempt.Fail("the channel no longer exists");
            if (attempt.Success)
            {
                continue;
            }

            s.LastError = $"{name}: {attempt.Detail}";
            LogFailed(logger, Model, name, attempt.Detail);
            if (attempt.Retryable)
            {
                waiting.Add(name);
            }
        }

        s.PendingChannels = [.. waiting];
        s.Attempts++;
        if (waiting.Count == 0 || s.Attempts >= MaxAttempts)
        {
            s.LastSentPeriodEnd = end;
            s.LastFigures = report.WhatChanged.Current;
            s.ReviewsSent++;
            s.SkippedWhileStopped = 0;
            s.PendingChannels = [];
            s.Attempts = 0;
            (s.NextPeriodStart, s.NextPeriodEnd) = ReviewCalendar.PeriodAfter(schedule.Schedule, end);
        }

        await state.WriteStateAsync();
    }

    private async Task<DeliveryAttempt> AttemptAsync(ChannelConfig channel, ReviewMessage message)
    {
        using var timeout = new CancellationTokenSource(channel.Timeout ?? alerting.Value.Delivery.Timeout, time);
        return await sender.SendAsync(channel, message, timeout.Token);
    }

    private void Arm()
    {
        var s = state.State;
        TimeSpan wait;
        if (s.Schedule is null)
        {
            wait = Timeout.InfiniteTimeSpan;
        }
        else if (s.PendingChannels.Length > 0)
        {
            // Retries back off: 1, 2, 4, ... minutes, at most an hour.
            wait = TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(s.Attempts, 6)));
        }
        else
        {
            var until = s.NextPeriodEnd - time.GetUtcNow();
            wait = until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        if (_timer is null)
        {
            if (wait == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _timer = this.RegisterGrainTimer(_ => RunDueAsync(), new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
            return;
        }

        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review of {Model} to channel {Channel} failed: {Detail}")]
    private static partial void LogFailed(ILogger logger, string model, string channel, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reviews of {Model} from the period ending {From} to the one starting {To} were not sent: Monitor was not running")]
    private static partial void LogSkipped(ILogger logger, string model, DateTimeOffset from, DateTimeOffset to);
}

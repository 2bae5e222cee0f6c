namespace Monitor.Grains.Reports.Reviews;

/// <summary>What a model's review grain keeps: its schedule, the period due next and how far its sending got.</summary>
[GenerateSerializer, Alias("monitor.ModelReviewsState")]
public sealed class ModelReviewsState
{
    [Id(0)] public ReviewSchedule? Schedule { get; set; }

    /// <summary>The end of the last period sent to every channel (or given up on).</summary>
    [Id(1)] public DateTimeOffset? LastSentPeriodEnd { get; set; }
    [Id(2)] public DateTimeOffset NextPeriodStart { get; set; }
    [Id(3)] public DateTimeOffset NextPeriodEnd { get; set; }

    /// <summary>Channels the review of the next period still has to reach; empty until that period ends.</summary>
    [Id(4)] public string[] PendingChannels { get; set; } = [];

    /// <summary>Figures of the last period sent, which the next review compares with.</summary>
    [Id(5)] public PeriodFigures? LastFigures { get; set; }
    [Id(6)] public string? LastError { get; set; }
    [Id(7)] public int ReviewsSent { get; set; }

    /// <summary>Failed rounds of the review under way.</summary>
    [Id(8)] public int Attempts { get; set; }

    /// <summary>Periods that ended while Monitor was not running and whose review was not sent (the windows no longer hold them).</summary>
    [Id(9)] public int SkippedWhileStopped { get; set; }
}

namespace Monitor.Grains.Reports;

/// <summary>How often a model is reviewed, and where its reviews go.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReviewSchedule")]
public sealed record ReviewSchedule
{
    /// <summary>"weekly" (Monday 00:00 UTC to Monday) or "monthly" (the 1st 00:00 UTC to the next 1st).</summary>
    [Id(0)] public required string Schedule { get; init; }

    /// <summary>Names of alerting channels (email, slack, webhook or log) the review is sent to.</summary>
    [Id(1)] public required string[] Channels { get; init; }

    /// <summary>One version to review; null for every version of the model.</summary>
    [Id(2)] public string? Version { get; init; }

    public const string Weekly = "weekly";
    public const string Monthly = "monthly";
}

/// <summary>A model's review schedule with what has been sent and what is due.</summary>
[GenerateSerializer, Immutable, Alias("monitor.ReviewStatus")]
public sealed record ReviewStatus
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required ReviewSchedule Schedule { get; init; }

    /// <summary>The end of the last period whose review went to every channel; null before the first.</summary>
    [Id(2)] public DateTimeOffset? LastSentPeriodEnd { get; init; }

    /// <summary>The period the next review covers.</summary>
    [Id(3)] public required DateTimeOffset NextPeriodStart { get; init; }
    [Id(4)] public required DateTimeOffset NextPeriodEnd { get; init; }

    /// <summary>Channels the review under way has still to reach (empty when none is under way).</summary>
    [Id(5)] public string[] PendingChannels { get; init; } = [];

    /// <summary>Why the last attempt on a channel failed, when one did.</summary>
    [Id(6)] public string? LastError { get; init; }

    [Id(7)] public int ReviewsSent { get; init; }
}

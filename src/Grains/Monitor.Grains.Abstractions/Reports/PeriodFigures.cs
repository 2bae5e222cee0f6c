namespace Monitor.Grains.Reports;

/// <summary>
/// The headline figures of one period, the ones the "what changed" section compares: traffic, error rate,
/// latency, accuracy, the features found drifted and the alerts fired. A scheduled review keeps the figures
/// of the period it sent, so the next one can compare with them even beyond the windows' retention.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.PeriodFigures")]
public sealed record PeriodFigures
{
    [Id(0)] public required DateTimeOffset From { get; init; }
    [Id(1)] public required DateTimeOffset To { get; init; }
    [Id(2)] public required long Requests { get; init; }
    [Id(3)] public required long Errors { get; init; }

    /// <summary>Errors / requests; null without requests.</summary>
    [Id(4)] public double? ErrorRate { get; init; }

    /// <summary>The request-weighted mean of the steps' p99 latency (the same basis for both periods).</summary>
    [Id(5)] public double? P99LatencyMs { get; init; }

    /// <summary>Realized accuracy over the period's labels (label-weighted over the steps); null without labels.</summary>
    [Id(6)] public double? Accuracy { get; init; }

    /// <summary>"version/feature" of every feature whose verdict was drift at an evaluation of the period.</summary>
    [Id(7)] public required string[] DriftedFeatures { get; init; }
    [Id(8)] public required int AlertsFired { get; init; }
}

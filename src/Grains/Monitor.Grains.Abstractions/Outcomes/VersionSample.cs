namespace Monitor.Grains.Outcomes;

/// <summary>
/// What a version contributes to an A/B comparison over a period: sufficient statistics (counts, sums,
/// sums of squares, quantiles with the brackets their standard errors come from) and grouped samples
/// for rank tests, never its whole window.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.VersionSample")]
public sealed record VersionSample
{
    [Id(0)] public required string Version { get; init; }
    [Id(1)] public required DateTimeOffset From { get; init; }
    [Id(2)] public required DateTimeOffset To { get; init; }
    [Id(3)] public required long Predictions { get; init; }
    [Id(4)] public required long Successes { get; init; }
    [Id(5)] public required Moments Latency { get; init; }

    /// <summary>p50, p95 and p99 of the latency with the brackets of their standard errors.</summary>
    [Id(6)] public required IReadOnlyList<QuantileBracket> LatencyQuantiles { get; init; }

    /// <summary>Every latency of the period (exact) or the sketch's bins (within its relative error).</summary>
    [Id(7)] public required GroupedSample LatencyGroups { get; init; }
    [Id(8)] public required Moments Confidence { get; init; }

    /// <summary>"classification", "regression" or "none", from what the version predicted.</summary>
    [Id(9)] public required string Kind { get; init; }

    /// <summary>Class labels joined in the period, and how many matched the prediction.</summary>
    [Id(10)] public required long Classified { get; init; }
    [Id(11)] public required long Correct { get; init; }

    /// <summary>Absolute errors of the regression labels joined in the period.</summary>
    [Id(12)] public required Moments AbsoluteError { get; init; }
    [Id(13)] public required long Clicks { get; init; }
    [Id(14)] public required long Conversions { get; init; }

    /// <summary>Revenue per successful prediction: every revenue event's amount, the other predictions counting 0.</summary>
    [Id(15)] public required Moments Revenue { get; init; }
    [Id(16)] public required GroupedSample RevenueGroups { get; init; }

    /// <summary>The version's drift verdict now (its feature window against its reference).</summary>
    [Id(17)] public VersionDriftVerdict Drift { get; init; } = VersionDriftVerdict.WithoutReference;

    /// <summary>The estimate's scores of the successful predictions (calibrated confidences, or raw without a labelled reference).</summary>
    [Id(18)] public Moments EstimatedScores { get; init; } = Moments.Empty;

    /// <summary>How the version's performance estimate stands: calibrated or not, its band, and whether its labels contradict it.</summary>
    [Id(19)] public EstimateStatus? Estimate { get; init; }
}

/// <summary>
/// Count, sum and sum of squares: enough for a mean, a variance and Welch's t. With <see cref="SquaredDeviations"/>
/// (Σ(x − mean)², kept by the source as values arrive) the variance holds when the mean is large against the spread,
/// where Σx² − (Σx)²/n loses every digit (latencies of 1e5 ms within 0.1 ms).
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.Moments")]
public sealed record Moments(
    [property: Id(0)] long Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double SumOfSquares,
    [property: Id(3)] double? SquaredDeviations = null)
{
    public static Moments Empty { get; } = new(0, 0, 0);

    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Sample variance (n − 1 in the denominator), never negative.</summary>
    public double Variance => Count < 2 ? double.NaN
        : Math.Max(0, (SquaredDeviations ?? (SumOfSquares - (Sum * Sum / Count))) / (Count - 1));
}

/// <summary>The value at quantile Q with the values at Q ∓ z·√(Q(1−Q)/n), whose spread gives its standard error.</summary>
[GenerateSerializer, Immutable, Alias("monitor.QuantileBracket")]
public sealed record QuantileBracket(
    [property: Id(0)] double Q,
    [property: Id(1)] double Value,
    [property: Id(2)] double Lower,
    [property: Id(3)] double Upper);

/// <summary>A sample as distinct values (ascending) with their counts; Exact is false when values are a sketch's bin representatives.</summary>
[GenerateSerializer, Immutable, Alias("monitor.GroupedSample")]
public sealed record GroupedSample(
    [property: Id(0)] double[] Values,
    [property: Id(1)] long[] Counts,
    [property: Id(2)] bool Exact)
{
    public static GroupedSample Empty { get; } = new([], [], true);

    public long Total
    {
        get
        {
            long total = 0;
            foreach (var c in Counts)
            {
                total += c;
            }

            return total;
        }
    }
}

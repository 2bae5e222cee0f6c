using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.Windows;

/// <summary>Everything Monitor keeps about one model version's records in one time interval.</summary>
[GenerateSerializer, Alias("monitor.MetricBucket")]
public sealed class MetricBucket
{
    [Id(0)] public long StartMs { get; private set; }
    [Id(1)] public long Count { get; private set; }
    [Id(2)] public long Errors { get; private set; }
    private static readonly Dictionary<string, long> NoErrors = [];

    // Null until the first error and again once packed (Compact) while it is empty: an empty dictionary takes 80 bytes.
    [Id(3)] private Dictionary<string, long>? _errorsByType;
    /// <summary>Failed records by error type.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByType => _errorsByType ?? NoErrors;

    [Id(4)] public QuantileSketch Latency { get; private set; } = new();
    [Id(5)] public ConfidenceHistogram Confidence { get; private set; } = new();
    [Id(6)] public PredictionTally Predictions { get; private set; } = new();

    /// <summary>
    /// Starts of the fine buckets rolled into this (coarse) bucket, as coarse pages stored before checkpoints were
    /// committed whole recorded them (see <see cref="TieredBuckets.Restore"/>); a whole checkpoint needs no such list,
    /// so rolls no longer add to it (it took 300 bytes a coarse bucket).
    /// </summary>
#pragma warning disable CS0649 // Only stored pages set it, through the serializer.
    [Id(7)] private List<long>? _rolled;
#pragma warning restore CS0649

    // Ids are those stored buckets carry; a new field takes the next unused id (43).
    [Id(20)] public DataQualityCounts? Quality { get; private set; }

    /// <summary>The bucket's data-quality counts, created on first use (buckets of versions without features need none).</summary>
    public DataQualityCounts QualityCounts => Quality ??= new DataQualityCounts();

    /// <summary>Labels and business events whose own time falls in this interval; null until the first one.</summary>
    [Id(40)] public OutcomeBucket? Outcomes { get; private set; }

    /// <summary>Predictions made in this interval that have been labelled since (for label coverage).</summary>
    [Id(41)] public long LabeledPredictions { get; set; }

    /// <summary>Successful predictions of a class with a confidence, by confidence cell, for the performance estimate; null until the first.</summary>
    [Id(42)] public ConfidenceCells? Estimates { get; private set; }

    public OutcomeBucket OutcomesOrNew() => Outcomes ??= new OutcomeBucket();

    public ConfidenceCells EstimatesOrNew() => Estimates ??= new ConfidenceCells();

    public MetricBucket(long startMs) => StartMs = startMs;

    public void Add(double latencyMs, bool succeeded, string? errorType, double confidence)
    {
        Count++;
        Latency.Add(latencyMs);
        if (!succeeded)
        {
            Errors++;
            var type = errorType ?? "unknown";
            var errors = _errorsByType ??= [];
            errors[type] = errors.GetValueOrDefault(type) + 1;
        }

        if (!double.IsNaN(confidence))
        {
            Confidence.Add(confidence);
        }
    }

    /// <summary>
    /// Packs what rarely changes once the bucket's interval is over (the bins of its sketches); a late record
    /// unpacks what it touches. Lossless: every figure read from the bucket stays the same.
    /// </summary>
    public void Compact()
    {
        Latency.Pack();
        Confidence.Pack();
        Predictions.Pack();
        Quality?.Pack();
        if (_errorsByType is { Count: 0 })
        {
            _errorsByType = null;
        }

        Estimates?.Pack();
    }

    /// <summary>Merges a fine bucket whose slot is reused.</summary>
    public void Roll(MetricBucket fine) => Merge(fine);

    public bool HasRolled(long fineStartMs) => _rolled is not null && _rolled.Contains(fineStartMs);

    public void Merge(MetricBucket other)
    {
        Count += other.Count;
        Errors += other.Errors;
        if (other._errorsByType is { Count: > 0 } otherErrors)
        {
            var errors = _errorsByType ??= [];
            foreach (var (type, count) in otherErrors)
            {
                errors[type] = errors.GetValueOrDefault(type) + count;
            }
        }

        Latency.Merge(other.Latency);
        Confidence.Merge(other.Confidence);
        Predictions.Merge(other.Predictions);
        if (other.Quality is { } quality)
        {
            QualityCounts.Merge(quality);
        }

        LabeledPredictions += other.LabeledPredictions;
        if (other.Outcomes is not null)
        {
            OutcomesOrNew().Merge(other.Outcomes);
        }

        if (other.Estimates is not null)
        {
            EstimatesOrNew().Merge(other.Estimates);
        }
    }
}

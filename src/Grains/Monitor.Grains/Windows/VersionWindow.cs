using System.Globalization;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Versions;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;
using Monitor.Statistics;

namespace Monitor.Grains.Windows;

/// <summary>
/// All windows of one model version: time buckets for summaries and time series, raw recent
/// latencies for exact percentiles, and the recent batches that form the feature window and the
/// records view. Pure state and arithmetic; the grain decides when to apply, answer and persist.
/// </summary>
[GenerateSerializer, Alias("monitor.VersionWindow")]
public sealed partial class VersionWindow
{
    // Numbers that are whole and few are class labels; past this many distinct values, or at the
    // first fractional value, the version is treated as a regression model.
    private const int MaxNumericClasses = 50;

    [Id(0)] private readonly TieredBuckets _buckets;
    [Id(1)] private readonly LatencyRing _latencies;
    [Id(2)] private readonly RecentBatches _recent;
    [Id(3)] private readonly BoundedVocabulary _errorTypes;
    [Id(4)] private readonly BoundedVocabulary _labels;
    [Id(5)] private bool _regression;
    [Id(6)] private long _totalRecords;
    [Id(7)] private long _firstSeenMs = long.MaxValue;
    [Id(8)] private long _lastSeenMs = long.MinValue;
    [Id(9)] private readonly double _lowConfidence;
    [Id(10)] private long _expiredRecords;

    public VersionWindow(VersionWindowOptions options)
    {
        _buckets = new TieredBuckets(options.FineBucket, options.FineSpan, options.CoarseBucket, options.Retention);
        _latencies = new LatencyRing(options.ExactLatencySamples);
        _recent = new RecentBatches(Math.Max(options.FeatureWindow, options.RecentRecords));
        _errorTypes = new BoundedVocabulary(options.MaxDistinctValues);
        _labels = new BoundedVocabulary(options.MaxDistinctValues);
        _lowConfidence = options.LowConfidenceThreshold;
    }

    public long TotalRecords => _totalRecords;

    /// <summary>Records whose time was already past the retention when they arrived.</summary>
    public long ExpiredRecords => _expiredRecords;

    public RecentBatches Recent => _recent;

    public double LowConfidenceThreshold => _lowConfidence;

    public TieredBuckets Buckets => _buckets;

    public LatencyRing Latencies => _latencies;

    /// <summary>Recreates in-memory structures after the serialized core was read (see <see cref="WindowPages"/>).</summary>
    public void Allocate()
    {
        _buckets.Allocate();
        _latencies.Allocate();
    }

    /// <summary>Puts back the checkpointed pages after <see cref="Allocate"/>.</summary>
    public void Restore(
        IReadOnlyDictionary<int, MetricBucket> coarse,
        IReadOnlyDictionary<int, MetricBucket> fine,
        IReadOnlyDictionary<int, LatencyPage> latencies,
        IReadOnlyDictionary<long, RecentSegment> segments)
    {
        _buckets.Restore(fine, coarse);
        _latencies.Restore(latencies, _lastSeenMs);
        _recent.Restore(segments);
    }

    /// <summary>The pages changed since the last call; they count as written from then on.</summary>
    public WindowChanges TakeChanged()
    {
        var (coarse, fine) = _buckets.TakeChanged();
        return new WindowChanges(coarse, fine, _latencies.TakeChanged(), _recent.TakeChanged());
    }

    /// <summary>Marks pages changed again after their checkpoint failed.</summary>
    public void MarkChanged(WindowChanges changes)
    {
        _buckets.MarkChanged(changes.Coarse.Select(c => c.Slot), changes.Fine.Select(f => f.Slot));
        _latencies.MarkChanged(changes.Latencies.Select(l => l.Index));
        _recent.MarkChanged(changes.Segments.Select(s => s.Sequence));
    }

    public DateTimeOffset? LastSeen => _lastSeenMs == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(_lastSeenMs);

    public void Apply(PredictionBatch batch, long nowMs)
    {
        var predictions = batch.Predictions;
        for (var i = 0; i < batch.Count; i++)
        {
            var timestamp = batch.TimestampsMs[i];
            var succeeded = batch.Succeeded[i];
            var latency = batch.LatenciesMs[i];
            _latencies.Add(timestamp, latency, succeeded);
            var bucket = _buckets.BucketFor(timestamp, nowMs);
            if (bucket is null)
            {
                _expiredRecords++;
                continue;
            }

            var errorType = succeeded ? null : _errorTypes.Admit(batch.ErrorTypes[i] ?? "unknown");
            var confidence = batch.Confidences[i];
            bucket.Add(latency, succeeded, errorType, confidence);
            string? predictedClass = null;
            if (predictions.IsLabel(i))
            {
                predictedClass = _labels.Admit(predictions.Labels![i]!);
                bucket.Predictions.AddLabel(predictedClass);
            }
            else if (!double.IsNaN(predictions.Numbers[i]))
            {
                predictedClass = AddNumericPrediction(bucket.Predictions, predictions.Numbers[i]);
            }

            // The estimate counts what labels will score: successful predictions of a class (failed ones are unscorable).
            if (succeeded && predictedClass is not null && !double.IsNaN(confidence))
            {
                bucket.EstimatesOrNew().Add(predictedClass, confidence);
            }

            _firstSeenMs = Math.Min(_firstSeenMs, timestamp);
            _lastSeenMs = Math.Max(_lastSeenMs, timestamp);
        }

        _totalRecords += batch.Count;
        _recent.Add(batch);
    }

    /// <summary>
    /// Every latency of [fromMs, toMs), sorted, when each record of the period is still held raw (and
    /// the period is answered from fine buckets, so the bucket count agrees); false otherwise.
    /// </summary>
    public bool TryExactLatencies(long fromMs, long toMs, long nowMs, MetricBucket total, out double[] sorted, out long successes)
    {
        sorted = [];
        successes = 0;
        if (total.Count == 0 || !_latencies.HoldsEverythingSince(fromMs) || fromMs < nowMs - _buckets.FineSpanMs)
        {
            return false;
        }

        var values = _latencies.Select(fromMs, toMs, out successes);
        if (values.Length != total.Count)
        {
            return false;
        }

        Array.Sort(values);
        sorted = values;
        return true;
    }

    /// <summary>All buckets of [fromMs, toMs) merged into one.</summary>
    public MetricBucket Aggregate(long fromMs, long toMs, long nowMs)
    {
        var total = new MetricBucket(fromMs);
        foreach (var bucket in _buckets.Covering(fromMs, toMs, nowMs))
        {
            total.Merge(bucket);
        }

        return total;
    }

    /// <summary>The period a "last N minutes" question covers: from a fine-bucket boundary to a little past now (clock skew).</summary>
    public (long FromMs, long ToMs) Period(int minutes, long nowMs) =>
        (TieredBuckets.Floor(nowMs - (minutes * 60_000L), _buckets.FineWidthMs), nowMs + 300_000);

    /// <summary>Counts a numeric prediction; its class name while the version looks like a classifier, null once it is a regression model.</summary>
    private string? AddNumericPrediction(PredictionTally tally, double value)
    {
        tally.AddNumber(value);
        if (_regression)
        {
            return null;
        }

        if (value != Math.Floor(value) || Math.Abs(value) > 1e15 || _labels.Count >= MaxNumericClasses)
        {
            _regression = true;
            return null;
        }

        var name = _labels.Admit(value.ToString("R", CultureInfo.InvariantCulture));
        tally.AddLabel(name);
        return name;
    }
}

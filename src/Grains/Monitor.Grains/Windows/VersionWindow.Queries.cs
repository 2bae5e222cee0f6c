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
/// <summary>What a version's windows answer: summaries, time series, recent records and health.</summary>
public sealed partial class VersionWindow
{
    public VersionSummary Summarize(string model, string version, int minutes, long nowMs)
    {
        var (fromMs, toMs) = Period(minutes, nowMs);
        var total = Aggregate(fromMs, toMs, nowMs);
        var summary = Describe(model, version, total, fromMs, toMs, nowMs);
        if (!TryExactLatencies(fromMs, toMs, nowMs, total, out var values, out var successes))
        {
            return summary;
        }

        return summary with
        {
            SuccessRate = 100.0 * successes / values.Length,
            AvgLatencyMs = SampleMoments.Of(values).Mean,
            P50LatencyMs = LinearQuantile.OfSorted(values, 0.50),
            P95LatencyMs = LinearQuantile.OfSorted(values, 0.95),
            P99LatencyMs = LinearQuantile.OfSorted(values, 0.99),
            MinLatencyMs = values[0],
            MaxLatencyMs = values[^1],
            Percentiles = PercentileMethod.Exact,
        };
    }

    /// <summary>True once the version's numeric predictions showed it to be a regression model.</summary>
    public bool IsRegression => _regression;

    /// <param name="binaryClassifier">Whether the version's labels name two classes, so its steps may show a ROC AUC.</param>
    /// <param name="calibration">The labelled reference's calibration of confidences, for the estimated accuracy of each step.</param>
    public VersionTimeSeries TimeSeries(
        string model, string version, int minutes, int stepSeconds, long nowMs, bool binaryClassifier = false, ReferenceCalibration? calibration = null)
    {
        var (fromMs, toMs) = Period(minutes, nowMs);
        // The period's start is floored to a fine bucket, so a period of the fine span itself starts up to one fine bucket
        // before it; the fine ring keeps two buckets more than the span for this, and the period is answered at fine steps.
        var widthMs = fromMs < nowMs - _buckets.FineSpanMs - _buckets.FineWidthMs ? _buckets.CoarseWidthMs : _buckets.FineWidthMs;
        var stepMs = Math.Max(widthMs, TieredBuckets.Floor(stepSeconds * 1000L, widthMs));
        fromMs = TieredBuckets.Floor(fromMs, stepMs);
        var steps = (int)((nowMs - fromMs) / stepMs) + 1;
        var points = new MetricBucket[steps];
        foreach (var bucket in _buckets.Covering(fromMs, toMs, nowMs))
        {
            var step = (int)Math.Clamp((bucket.StartMs - fromMs) / stepMs, 0, steps - 1);
            (points[step] ??= new MetricBucket(fromMs + (step * stepMs))).Merge(bucket);
        }

        // With a labelled reference the calibrated estimate is shown before the first label, as in the summary.
        var withOutcomes = HasOutcomes(points, withEstimates: calibration is not null && !_regression);
        var list = new List<TimeSeriesPoint>(steps);
        for (var s = 0; s < steps; s++)
        {
            var p = points[s] ?? new MetricBucket(fromMs + (s * stepMs));
            list.Add(new TimeSeriesPoint
            {
                Time = DateTimeOffset.FromUnixTimeMilliseconds(fromMs + (s * stepMs)),
                TotalRequests = p.Count,
                ErrorCount = p.Errors,
                SuccessRate = p.Count == 0 ? null : 100.0 * (p.Count - p.Errors) / p.Count,
                ThroughputPerSecond = p.Count / (stepMs / 1000.0),
                AvgLatencyMs = NullIfNaN(p.Latency.Mean),
                P50LatencyMs = NullIfNaN(p.Latency.Quantile(0.50)),
                P95LatencyMs = NullIfNaN(p.Latency.Quantile(0.95)),
                P99LatencyMs = NullIfNaN(p.Latency.Quantile(0.99)),
                MaxLatencyMs = NullIfNaN(p.Latency.Max),
                ErrorsByType = p.ErrorsByType.ToDictionary(),
                ConfidenceMean = NullIfNaN(p.Confidence.Mean),
                Outcomes = withOutcomes ? OutcomeFigures.Point(p, binaryClassifier, calibration) : null,
            });
        }

        return new VersionTimeSeries
        {
            Model = model,
            Version = version,
            StepSeconds = (int)(stepMs / 1000),
            Percentiles = PercentileMethod.Sketch(QuantileSketch.RelativeAccuracy),
            Points = list,
        };
    }

    private static bool HasOutcomes(MetricBucket?[] points, bool withEstimates)
    {
        foreach (var p in points)
        {
            if (p is not null && (p.Outcomes is not null || p.LabeledPredictions > 0 || (withEstimates && p.Estimates is not null)))
            {
                return true;
            }
        }

        return false;
    }

    public RecordSlice[] Records(RecordQuery query)
    {
        var fromMs = query.From?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var toMs = query.To?.ToUnixTimeMilliseconds() ?? long.MaxValue;
        var limit = Math.Max(0, query.Limit);
        var matches = new List<(PredictionBatch Batch, int Index)>();
        _recent.VisitNewest(_recent.Records, (batch, i) =>
        {
            var t = batch.TimestampsMs[i];
            if (t >= fromMs && t <= toMs && (query.Id is null || string.Equals(batch.Ids[i], query.Id, StringComparison.Ordinal)))
            {
                matches.Add((batch, i));
            }
        });

        // The newest matches, oldest first, grouped back into their batches.
        var slices = new List<RecordSlice>();
        var start = Math.Max(0, matches.Count - limit);
        for (var k = start; k < matches.Count;)
        {
            var batch = matches[k].Batch;
            var indices = new List<int>();
            while (k < matches.Count && ReferenceEquals(matches[k].Batch, batch))
            {
                indices.Add(matches[k++].Index);
            }

            slices.Add(new RecordSlice(batch, [.. indices]));
        }

        return [.. slices];
    }

    public VersionHealth Health(string version, TimeSpan recent, long nowMs)
    {
        var fromMs = nowMs - (long)recent.TotalMilliseconds;
        var total = Aggregate(fromMs, nowMs + 1, nowMs);
        var successRate = total.Count == 0 ? (double?)null : 100.0 * (total.Count - total.Errors) / total.Count;
        var p95 = NullIfNaN(total.Latency.Quantile(0.95));
        var minutes = recent.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        var (status, line) = (_totalRecords, total.Count) switch
        {
            (0, _) => ("new", "no records yet"),
            (_, 0) => ("idle", $"no records in the last {minutes} min"),
            _ when successRate < 95 => ("degraded", Line(total.Count, successRate, p95, minutes)),
            _ => ("healthy", Line(total.Count, successRate, p95, minutes)),
        };
        return new VersionHealth
        {
            Version = version,
            Status = status,
            Line = line,
            RecentRequests = total.Count,
            SuccessRate = successRate,
            P95LatencyMs = p95,
            LastSeen = LastSeen,
            TotalRecords = _totalRecords,
        };
    }

    /// <summary>The summary of figures already merged (sketch percentiles): a review's period from the hourly history.</summary>
    public VersionSummary Describe(string model, string version, MetricBucket total, long fromMs, long toMs, long nowMs)
    {
        var spanStartMs = Math.Max(fromMs, Math.Min(_firstSeenMs, nowMs));
        var seconds = Math.Max(1.0, (nowMs - spanStartMs) / 1000.0);
        var confidence = total.Confidence;
        var histogram = new List<HistogramBin>(ConfidenceHistogram.BinCount);
        for (var b = 0; b < ConfidenceHistogram.BinCount; b++)
        {
            histogram.Add(new HistogramBin(ConfidenceHistogram.LowerBound(b), ConfidenceHistogram.LowerBound(b + 1), confidence.Bins[b]));
        }

        return new VersionSummary
        {
            Model = model,
            Version = version,
            From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(toMs, nowMs)),
            TotalRequests = total.Count,
            SuccessRate = total.Count == 0 ? null : 100.0 * (total.Count - total.Errors) / total.Count,
            AvgLatencyMs = NullIfNaN(total.Latency.Mean),
            P50LatencyMs = NullIfNaN(total.Latency.Quantile(0.50)),
            P95LatencyMs = NullIfNaN(total.Latency.Quantile(0.95)),
            P99LatencyMs = NullIfNaN(total.Latency.Quantile(0.99)),
            MinLatencyMs = NullIfNaN(total.Latency.Min),
            MaxLatencyMs = NullIfNaN(total.Latency.Max),
            Percentiles = PercentileMethod.Sketch(QuantileSketch.RelativeAccuracy),
            ErrorCount = total.Errors,
            ErrorsByType = total.ErrorsByType.ToDictionary(),
            ThroughputPerSecond = total.Count / seconds,
            Confidence = new ConfidenceSummary
            {
                Count = confidence.Count,
                Mean = NullIfNaN(confidence.Mean),
                LowThreshold = _lowConfidence,
                LowShare = confidence.Count == 0 ? null : (double)confidence.CountBelow(_lowConfidence) / confidence.Count,
                Histogram = histogram,
            },
            Predictions = DescribePredictions(total.Predictions),
            DataQuality = DataQualityReport.Describe(total.Quality),
        };
    }

    private PredictionDistribution DescribePredictions(PredictionTally tally)
    {
        if (tally.Count == 0)
        {
            return new PredictionDistribution { Kind = "none", Count = 0 };
        }

        if (_regression)
        {
            var numbers = tally.Numbers;
            return new PredictionDistribution
            {
                Kind = "regression",
                Count = numbers.Count,
                Mean = NullIfNaN(numbers.Mean),
                Min = NullIfNaN(numbers.Min),
                Max = NullIfNaN(numbers.Max),
                P50 = NullIfNaN(numbers.Quantile(0.5)),
                P95 = NullIfNaN(numbers.Quantile(0.95)),
            };
        }

        return new PredictionDistribution
        {
            Kind = "classification",
            Count = tally.LabelCounts.Values.Sum(),
            Classes = tally.LabelCounts.ToDictionary(),
        };
    }

    private static string Line(long count, double? successRate, double? p95, string minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} requests in {minutes} min, {successRate:0.##}% success, p95 {p95:0.#} ms");

    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;
}

using System.Buffers;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Joins a version's labels and business events to its predictions and counts them into the
/// version's time buckets: labels and events in the bucket of their own time, label coverage in the
/// bucket of the prediction's time. Pure state and arithmetic; the grain says when.
/// </summary>
public sealed partial class VersionOutcomes(VersionWindow window, OutcomeLedger ledger, PredictionIndex index, OutcomeOptions options)
{
    // Labels look up their prediction this many entries ahead, so the lookups' cache misses overlap.
    private const int LookAhead = 8;

    private readonly long _pendingTimeoutMs = (long)options.PendingTimeout.TotalMilliseconds;

    public OutcomeLedger Ledger => ledger;

    public PredictionIndex Index => index;

    public VersionWindow Window => window;

    /// <summary>The labelled reference's calibration of confidences; null without a labelled reference (the estimate is uncalibrated).</summary>
    public ReferenceCalibration? Calibration { get; set; }

    /// <summary>Indexes the batch's predictions that carry an id; false when none did.</summary>
    public bool IndexPredictions(PredictionBatch batch)
    {
        var ids = batch.Ids;
        var n = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            n += ids[i] is null ? 0 : 1;
        }

        if (n == 0)
        {
            return false;
        }

        var labels = batch.Predictions.Labels;
        var numbers = batch.Predictions.Numbers;
        var keys = ArrayPool<ulong>.Shared.Rent(n);
        var times = ArrayPool<long>.Shared.Rent(n);
        var confidences = ArrayPool<double>.Shared.Rent(n);
        var values = ArrayPool<double>.Shared.Rent(n);
        var classes = ArrayPool<int>.Shared.Rent(n);
        var failed = ArrayPool<bool>.Shared.Rent(n);
        var recordCells = SegmentCells(batch);
        var cells = recordCells is null ? null : ArrayPool<uint>.Shared.Rent(n);
        try
        {
            var k = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                if (ids[i] is not { } id)
                {
                    continue;
                }

                keys[k] = PredictionIdHash.Of(id);
                times[k] = batch.TimestampsMs[i];
                confidences[k] = batch.Confidences[i];
                values[k] = numbers[i];
                classes[k] = labels?[i] is { } text ? ledger.Classes.IdOf(text) : -1;
                failed[k] = !batch.Succeeded[i];
                if (cells is not null)
                {
                    cells[k] = recordCells![i];
                }

                k++;
            }

            index.AddAll(keys.AsSpan(0, n), times.AsSpan(0, n), confidences.AsSpan(0, n), values.AsSpan(0, n), classes.AsSpan(0, n), failed.AsSpan(0, n), cells is null ? default : cells.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<long>.Shared.Return(times);
            ArrayPool<double>.Shared.Return(confidences);
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<int>.Shared.Return(classes);
            ArrayPool<bool>.Shared.Return(failed);
            if (cells is not null)
            {
                ArrayPool<uint>.Shared.Return(cells);
                ArrayPool<uint>.Shared.Return(recordCells!);
            }
        }

        return true;
    }

    /// <summary>Joins labels sent for this version; a label whose prediction is not held yet waits, while there is room.</summary>
    public LabelJoinCounts JoinLabels(LabelBatch labels, long nowMs)
    {
        ResolveWaitingFor(labels.IdHashes.AsSpan(0, labels.Count), nowMs);
        long joined = 0, pending = 0, duplicate = 0, late = 0, unknown = 0, unscorable = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            if (i + LookAhead < labels.Count)
            {
                index.Prefetch(labels.IdHashes[i + LookAhead]);
            }

            var key = labels.IdHashes[i];
            var time = labels.TimestampsMs[i];
            if (index.TryFind(key, out var slot))
            {
                switch (Score(slot, labels.Kinds[i], labels.TextAt(i), labels.Numbers[i], time, nowMs))
                {
                    case JoinMatch.Joined: joined++; break;
                    case JoinMatch.Duplicate: duplicate++; break;
                    default: unscorable++; break;
                }
            }
            else if (index.WasEvicted(key))
            {
                CountLate(time, nowMs);
                late++;
            }
            else if (ledger.Pending.TryAdd(new PendingLabel(key, time, nowMs + _pendingTimeoutMs, labels.Kinds[i], labels.TextAt(i), labels.Numbers[i])))
            {
                pending++;
            }
            else
            {
                CountUnknown(time, nowMs);
                unknown++;
            }
        }

        return new LabelJoinCounts { Joined = joined, Pending = pending, Duplicate = duplicate, Late = late, UnknownId = unknown, Unscorable = unscorable };
    }

    /// <summary>
    /// Joins what this version holds of model-wide labels. Labels it does not hold are neither kept nor
    /// counted here: the model decides what they are once every version has answered.
    /// </summary>
    public JoinMatch[] MatchLabels(LabelBatch labels, long nowMs)
    {
        var matches = new JoinMatch[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var key = labels.IdHashes[i];
            matches[i] = index.TryFind(key, out var slot)
                ? Score(slot, labels.Kinds[i], labels.TextAt(i), labels.Numbers[i], labels.TimestampsMs[i], nowMs)
                : index.WasEvicted(key) ? JoinMatch.Late : JoinMatch.NotFound;
        }

        return matches;
    }

    /// <summary>Counts business events sent for this version (with or without a prediction id).</summary>
    public EventJoinCounts RecordEvents(EventBatch events, long nowMs)
    {
        long matched = 0, duplicate = 0, withoutId = 0, unmatched = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var key = events.IdHashes[i];
            if (key == PredictionIdHash.None)
            {
                CountEvent(events, i, matched: false, nowMs);
                withoutId++;
            }
            else if (index.TryFind(key, out var slot))
            {
                if (JoinEvent(events, i, slot, nowMs))
                {
                    matched++;
                }
                else
                {
                    duplicate++;
                }
            }
            else
            {
                CountEvent(events, i, matched: false, nowMs);
                unmatched++;
            }
        }

        return new EventJoinCounts { Matched = matched, Duplicate = duplicate, WithoutId = withoutId, Unmatched = unmatched };
    }

    /// <summary>Counts the model-wide events whose prediction this version holds; the rest are the model's to decide.</summary>
    public JoinMatch[] MatchEvents(EventBatch events, long nowMs)
    {
        var matches = new JoinMatch[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var key = events.IdHashes[i];
            if (key != PredictionIdHash.None && index.TryFind(key, out var slot))
            {
                matches[i] = JoinEvent(events, i, slot, nowMs) ? JoinMatch.Joined : JoinMatch.Duplicate;
            }
            else
            {
                matches[i] = key != PredictionIdHash.None && index.WasEvicted(key) ? JoinMatch.Late : JoinMatch.NotFound;
            }
        }

        return matches;
    }

    /// <summary>Lets go of predictions older than the horizon.</summary>
    public int Sweep(long nowMs) => index.Sweep(nowMs);

    /// <summary>The outcome parts of the buckets covering [fromMs, toMs), merged.</summary>
    public OutcomeAggregate Aggregate(long fromMs, long toMs, long nowMs)
    {
        var aggregate = new OutcomeAggregate();
        foreach (var bucket in window.Buckets.Covering(fromMs, toMs, nowMs))
        {
            aggregate.Add(bucket);
        }

        return aggregate;
    }

    private JoinMatch Score(int slot, LabelKind kind, string? text, double number, long labelTimeMs, long nowMs)
    {
        var bucket = window.Buckets.BucketFor(labelTimeMs, nowMs);

        // A label whose own time is past the retention still joins; it just has no bucket to count in.
        var outcomes = bucket?.OutcomesOrNew() ?? new OutcomeBucket();
        if (index.Has(slot, PredictionIndex.Labeled))
        {
            outcomes.Duplicates++;
            ledger.Labels.Duplicate++;
            return JoinMatch.Duplicate;
        }

        index.Set(slot, PredictionIndex.Labeled);
        if (!TryScore(slot, kind, text, number, outcomes))
        {
            outcomes.Unscorable++;
            ledger.Labels.Unscorable++;
            return JoinMatch.Unscorable;
        }

        var predictedAt = index.TimeOf(slot);
        outcomes.AddDelay(Math.Max(0, labelTimeMs - predictedAt) / 1000.0);
        if (window.Buckets.BucketFor(predictedAt, nowMs) is { } predictionBucket)
        {
            predictionBucket.LabeledPredictions++;
        }

        ScoreSegments(slot, kind, text, number, labelTimeMs);
        ledger.Labels.Joined++;
        return JoinMatch.Joined;
    }

    private bool TryScore(int slot, LabelKind kind, string? text, double number, OutcomeBucket outcomes)
    {
        if (index.Has(slot, PredictionIndex.Failed))
        {
            return false;
        }

        var predictedNumber = index.NumberOf(slot);
        if (kind == LabelKind.Value)
        {
            if (double.IsNaN(predictedNumber))
            {
                return false;
            }

            outcomes.RegressionOrNew().Add(predictedNumber, number);
            return true;
        }

        var classes = ledger.Classes;
        var predicted = index.ClassOf(slot);
        if (predicted < 0)
        {
            if (double.IsNaN(predictedNumber))
            {
                return false;
            }

            predicted = classes.IdOf(NumericClass.Text(predictedNumber));
        }

        var actual = classes.IdOf(text ?? NumericClass.Text(number));
        outcomes.AddClassified(actual, predicted);
        var confidence = index.ConfidenceOf(slot);
        if (!double.IsNaN(confidence))
        {
            outcomes.CalibrationOrNew().Add(confidence, actual == predicted);

            // The confidence is that of the predicted class: class 0's score is it, or its complement.
            if (classes.Count <= 2 && actual < 2 && predicted < 2)
            {
                outcomes.ScoresOrNew().Add(predicted == 0 ? confidence : 1 - confidence, actual == 0);
            }
            else
            {
                outcomes.ScoresOrNew().AddNonBinary();
            }
        }

        return true;
    }

    /// <summary>Counts an event joined to its prediction; false when it is a repeat of a type counted once per prediction.</summary>
    private bool JoinEvent(EventBatch events, int i, int slot, long nowMs)
    {
        var type = ledger.EventTypes.IdOf(events.Types[i]);
        var flag = type == EventTally.RevenueId ? 0 : PredictionIndex.EventFlag(type);
        if (flag != 0 && index.Has(slot, flag))
        {
            window.Buckets.BucketFor(events.TimestampsMs[i], nowMs)?.OutcomesOrNew().EventsOrNew().CountDuplicate(type);
            ledger.CountEvent(type, duplicate: true);
            return false;
        }

        if (flag != 0)
        {
            index.Set(slot, flag);
        }

        CountEvent(events, i, matched: true, nowMs);
        return true;
    }

    private void CountEvent(EventBatch events, int i, bool matched, long nowMs)
    {
        var type = ledger.EventTypes.IdOf(events.Types[i]);
        var time = events.TimestampsMs[i];
        var value = events.Values[i];
        window.Buckets.BucketFor(time, nowMs)?.OutcomesOrNew().EventsOrNew().Count(type, value, matched);
        ledger.CountEvent(type, duplicate: false);
        if (type == EventTally.RevenueId && !double.IsNaN(value))
        {
            ledger.Revenue.Add(time, value);
        }
    }

    private void CountLate(long labelTimeMs, long nowMs)
    {
        if (window.Buckets.BucketFor(labelTimeMs, nowMs) is { } bucket)
        {
            bucket.OutcomesOrNew().Late++;
        }

        ledger.Labels.Late++;
    }

    private void CountUnknown(long labelTimeMs, long nowMs)
    {
        if (window.Buckets.BucketFor(labelTimeMs, nowMs) is { } bucket)
        {
            bucket.OutcomesOrNew().UnknownIds++;
        }

        ledger.Labels.UnknownId++;
    }
}

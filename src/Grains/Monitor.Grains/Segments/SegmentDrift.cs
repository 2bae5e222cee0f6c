using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Segments;

/// <summary>
/// Drift of one segment: the segment's records among the version's recent records against the version's
/// reference restricted to the segment's rows (when the reference carries the key and has rows of the segment),
/// else against the segment's own captured reference. Evaluators are kept per segment and rebuilt only when the
/// reference or the settings change.
/// </summary>
public sealed class SegmentDrift
{
    public const string Restricted = "restricted";
    public const string Captured = "captured";

    private readonly Dictionary<string, Prepared> _prepared = new(StringComparer.Ordinal);

    /// <summary>The version's reference restricted to the segment, or its captured one; null when it has neither yet.</summary>
    public (PreparedReference Reference, string Source)? ReferenceFor(
        SegmentName segment, Func<string?, bool> inSegment, ReferenceData? versionReference, ReferenceData? captured)
    {
        if (versionReference is null)
        {
            return null;
        }

        var name = segment.ToString();
        var cached = _prepared.GetValueOrDefault(name);
        if (cached is not null && ReferenceEquals(cached.Origin, versionReference) && ReferenceEquals(cached.Captured, captured))
        {
            return cached.Reference is null ? null : (cached.Reference, cached.Source);
        }

        PreparedReference? prepared = null;
        var source = Restricted;
        if (SegmentRows.Restrict(versionReference, segment.Key, inSegment) is { Rows: > 0 } restricted)
        {
            prepared = PreparedReference.Prepare(restricted);
        }
        else if (captured is not null)
        {
            prepared = PreparedReference.Prepare(captured);
            source = Captured;
        }

        _prepared[name] = new Prepared(versionReference, captured, prepared, source);
        return prepared is null ? null : (prepared, source);
    }

    /// <summary>The segment's drift report on its records in <paramref name="recent"/>.</summary>
    public static VersionDriftReport Evaluate(
        string model, string version, SegmentName segment, Func<string?, bool> inSegment, (PreparedReference Reference, string Source) reference,
        DriftSettings settings, IEnumerable<PredictionBatch> recent, int windowSize, DateTimeOffset now)
    {
        var records = new RecentBatches(windowSize);
        foreach (var batch in recent)
        {
            if (SegmentRows.Select(batch, segment.Key, inSegment) is { } selected)
            {
                records.Add(selected);
            }
        }

        var prepared = reference.Reference;
        var ring = FeatureRing.Build(prepared.Schema, windowSize, prepared.Outputs is not null, records);
        var evaluator = new VersionDriftEvaluator();
        evaluator.Configure(prepared, settings);
        var report = evaluator.Evaluate(model, version, ring, now);
        var against = reference.Source == Restricted ? "the reference's rows of the segment" : "the segment's own first records (the reference has no rows of it)";
        return report with { Segment = segment.ToString(), SegmentReference = reference.Source, Notes = report.Notes.Append($"segment {segment}: its records in the version's recent window against {against}").ToArray() };
    }

    /// <summary>The segment's first <paramref name="records"/> records among <paramref name="recent"/> as a reference; null when it has fewer.</summary>
    public static ReferenceData? Capture(
        SegmentName segment, Func<string?, bool> inSegment, IEnumerable<PredictionBatch> recent, int records, ReferenceData versionReference, long nowMs)
    {
        var declared = versionReference.Features.ToDictionary(f => f.Name, f => f.Type, StringComparer.Ordinal);
        var capture = new ReferenceCapture(records, nowMs, declared);
        foreach (var batch in recent)
        {
            if (SegmentRows.Select(batch, segment.Key, inSegment) is { } selected && capture.Offer(selected))
            {
                var (built, _) = capture.Build();
                return built;
            }
        }

        return null;
    }

    /// <summary>Forgets the evaluators of a key's segments (its settings changed).</summary>
    public void Forget(string key)
    {
        foreach (var name in _prepared.Keys.Where(n => n.StartsWith(key + ":", StringComparison.Ordinal)).ToList())
        {
            _prepared.Remove(name);
        }
    }

    private sealed record Prepared(ReferenceData Origin, ReferenceData? Captured, PreparedReference? Reference, string Source);
}

namespace Monitor.Grains.Drift;

/// <summary>
/// The drift evaluations a version's timer made, newest last, bounded to a number of entries: each with the
/// dataset verdict and every feature's (and output's) verdict test, statistic, p-values, PSI and decision.
/// Stored in pages of <see cref="PageSize"/> entries in a ring of rows (<see cref="DriftPages"/>); only the
/// page an evaluation was added to is written again.
/// </summary>
public sealed class DriftHistoryLog
{
    public const int PageSize = 60;

    private readonly Queue<DriftHistoryEntry> _entries = new();
    private readonly HashSet<int> _dirtyPages = [];
    private long _appended;

    public DriftHistoryLog(int capacity) => Capacity = Math.Max(1, capacity);

    public int Count => _entries.Count;

    public int Capacity { get; }

    /// <summary>Rows the pages rotate through: enough for the capacity and the page being filled.</summary>
    public int PageSlots => (Capacity / PageSize) + 2;

    /// <summary>A log of the newest entries of stored pages (stale pages of earlier rounds are ignored).</summary>
    public static DriftHistoryLog Restore(int capacity, IEnumerable<DriftHistoryPage> pages)
    {
        var log = new DriftHistoryLog(capacity);
        var entries = pages.SelectMany(p => p.Entries).OrderBy(e => e.Sequence).ToList();
        if (entries.Count > 0)
        {
            var newest = entries[^1].Sequence;
            foreach (var entry in entries)
            {
                if (entry.Sequence > newest - log.Capacity)
                {
                    log._entries.Enqueue(entry);
                }
            }

            log._appended = newest + 1;
        }

        return log;
    }

    public void Add(VersionDriftReport report)
    {
        var sequence = _appended++;
        _entries.Enqueue(new DriftHistoryEntry(
            report.EvaluatedAt.ToUnixTimeMilliseconds(),
            report.Dataset.Drifted == true,
            report.Dataset.FeaturesTested,
            report.Dataset.FeaturesDrifted,
            report.WindowRecords,
            Points(report.Features),
            Points(report.Outputs),
            sequence)
        {
            Multivariate = report.Multivariate is { } m
                ? new MultivariateDriftPoint
                {
                    Status = m.Status,
                    Drifted = m.Drifted,
                    ReconstructionError = m.ReconstructionError,
                    LowerThreshold = m.LowerThreshold,
                    UpperThreshold = m.UpperThreshold,
                }
                : null,
        });
        while (_entries.Count > Capacity)
        {
            _entries.Dequeue();
        }

        _dirtyPages.Add(SlotOf(sequence));
    }

    /// <summary>The pages changed since the last call, as (row slot, page); marked clean.</summary>
    public List<(int Slot, DriftHistoryPage Page)> TakeChanged()
    {
        var changed = new List<(int, DriftHistoryPage)>(_dirtyPages.Count);
        foreach (var slot in _dirtyPages)
        {
            changed.Add((slot, new DriftHistoryPage { Entries = [.. _entries.Where(e => SlotOf(e.Sequence) == slot && e.Sequence > _appended - PageSlots * PageSize)] }));
        }

        _dirtyPages.Clear();
        return changed;
    }

    public void MarkChanged(IEnumerable<int> slots) => _dirtyPages.UnionWith(slots);

    private int SlotOf(long sequence) => (int)(sequence / PageSize % PageSlots);

    /// <summary>The evaluations in [fromMs, toMs], with each feature's points in the order of the newest evaluation.</summary>
    public DriftHistory Read(string model, string version, long fromMs, long toMs, int intervalSeconds)
    {
        var evaluations = new List<DriftEvaluationPoint>();
        var features = new SeriesBuilder();
        var outputs = new SeriesBuilder();
        foreach (var entry in _entries)
        {
            if (entry.TimeMs < fromMs || entry.TimeMs > toMs)
            {
                continue;
            }

            var time = DateTimeOffset.FromUnixTimeMilliseconds(entry.TimeMs);
            // Stored entries keep a flag; an evaluation that judged no feature had no verdict to keep.
            var judged = entry.FeaturesTested > 0;
            evaluations.Add(new DriftEvaluationPoint
            {
                Time = time,
                Drifted = judged ? entry.Drifted : null,
                Status = judged ? DriftStatus.Evaluated : DriftStatus.InsufficientData,
                FeaturesTested = entry.FeaturesTested,
                FeaturesDrifted = entry.FeaturesDrifted,
                WindowRecords = entry.WindowRecords,
                Multivariate = entry.Multivariate,
            });
            features.Add(time, entry.Features);
            outputs.Add(time, entry.Outputs);
        }

        return new DriftHistory
        {
            Model = model,
            Version = version,
            From = DateTimeOffset.FromUnixTimeMilliseconds(fromMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(toMs),
            IntervalSeconds = intervalSeconds,
            Evaluations = evaluations,
            Features = features.Build(),
            Outputs = outputs.Build(),
        };
    }

    private static DriftHistoryPoint[] Points(IReadOnlyList<FeatureDrift> features)
    {
        var points = new DriftHistoryPoint[features.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var f = features[i];
            double? psi = null;
            foreach (var test in f.Tests)
            {
                if (test.Test == "psi")
                {
                    psi = test.Statistic;
                }
            }

            points[i] = new DriftHistoryPoint(f.Name, f.Status, f.Verdict?.Test, f.Verdict?.Statistic, f.Verdict?.PValue,
                f.Verdict?.AdjustedPValue, psi, f.Verdict?.Drifted ?? false);
        }

        return points;
    }

    /// <summary>Per-name series; the names of the newest evaluation come first, in its order.</summary>
    private sealed class SeriesBuilder
    {
        private readonly Dictionary<string, List<FeatureDriftPoint>> _series = new(StringComparer.Ordinal);
        private DriftHistoryPoint[] _newest = [];

        public void Add(DateTimeOffset time, DriftHistoryPoint[] points)
        {
            foreach (var p in points)
            {
                if (!_series.TryGetValue(p.Name, out var list))
                {
                    list = [];
                    _series[p.Name] = list;
                }

                list.Add(new FeatureDriftPoint
                {
                    Time = time,
                    Status = p.Status,
                    Test = p.Test,
                    Statistic = p.Statistic,
                    PValue = p.PValue,
                    AdjustedPValue = p.AdjustedPValue,
                    Psi = p.Psi,
                    Drifted = p.Status == DriftStatus.Evaluated ? p.Drifted : null,
                });
            }

            _newest = points;
        }

        public IReadOnlyList<FeatureDriftSeries> Build()
        {
            var result = new List<FeatureDriftSeries>(_series.Count);
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in _newest)
            {
                result.Add(new FeatureDriftSeries { Name = p.Name, Points = _series[p.Name] });
                done.Add(p.Name);
            }

            foreach (var (name, points) in _series)
            {
                if (done.Add(name))
                {
                    result.Add(new FeatureDriftSeries { Name = name, Points = points });
                }
            }

            return result;
        }
    }
}

/// <summary>One evaluation in the history; <see cref="Sequence"/> counts evaluations since the version's first.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftHistoryEntry")]
public sealed record DriftHistoryEntry(
    [property: Id(0)] long TimeMs,
    [property: Id(1)] bool Drifted,
    [property: Id(2)] int FeaturesTested,
    [property: Id(3)] int FeaturesDrifted,
    [property: Id(4)] int WindowRecords,
    [property: Id(5)] DriftHistoryPoint[] Features,
    [property: Id(6)] DriftHistoryPoint[] Outputs,
    [property: Id(7)] long Sequence)
{
    /// <summary>The multivariate verdict's figures; null when it was not evaluated (or before it existed).</summary>
    [Id(8)] public MultivariateDriftPoint? Multivariate { get; init; }
}

/// <summary>A stored page of the history: up to <see cref="DriftHistoryLog.PageSize"/> consecutive entries.</summary>
[GenerateSerializer, Alias("monitor.DriftHistoryPage")]
public sealed class DriftHistoryPage
{
    [Id(0)] public DriftHistoryEntry[] Entries { get; init; } = [];
}

/// <summary>A feature's verdict figures at one evaluation (no test and no figures when it had no verdict).</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftHistoryPoint")]
public readonly record struct DriftHistoryPoint(
    [property: Id(0)] string Name,
    [property: Id(1)] string Status,
    [property: Id(2)] string? Test,
    [property: Id(3)] double? Statistic,
    [property: Id(4)] double? PValue,
    [property: Id(5)] double? AdjustedPValue,
    [property: Id(6)] double? Psi,
    [property: Id(7)] bool Drifted);

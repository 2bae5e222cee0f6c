namespace Monitor.Grains.Drift;

/// <summary>
/// The drift evaluations a version's timer made, newest last, bounded to a number of entries: each with the
/// dataset verdict and every feature's (and output's) verdict test, statistic, p-values, PSI and decision.
/// </summary>
[GenerateSerializer, Alias("monitor.DriftHistoryLog")]
public sealed class DriftHistoryLog(int capacity)
{
    [Id(0)] private readonly Queue<DriftHistoryEntry> _entries = new();
    [Id(1)] private int _capacity = Math.Max(1, capacity);

    public int Count => _entries.Count;

    public int Capacity => _capacity;

    /// <summary>Takes a configured capacity (it may have changed since the log was stored).</summary>
    public void Resize(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        Trim();
    }

    public void Add(VersionDriftReport report)
    {
        _entries.Enqueue(new DriftHistoryEntry(
            report.EvaluatedAt.ToUnixTimeMilliseconds(),
            report.Dataset.Drifted,
            report.Dataset.FeaturesTested,
            report.Dataset.FeaturesDrifted,
            report.WindowRecords,
            Points(report.Features),
            Points(report.Outputs)));
        Trim();
    }

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
            evaluations.Add(new DriftEvaluationPoint
            {
                Time = time,
                Drifted = entry.Drifted,
                FeaturesTested = entry.FeaturesTested,
                FeaturesDrifted = entry.FeaturesDrifted,
                WindowRecords = entry.WindowRecords,
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

    private void Trim()
    {
        while (_entries.Count > _capacity)
        {
            _entries.Dequeue();
        }
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
                    Drifted = p.Drifted,
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

/// <summary>One evaluation in the history.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DriftHistoryEntry")]
public sealed record DriftHistoryEntry(
    [property: Id(0)] long TimeMs,
    [property: Id(1)] bool Drifted,
    [property: Id(2)] int FeaturesTested,
    [property: Id(3)] int FeaturesDrifted,
    [property: Id(4)] int WindowRecords,
    [property: Id(5)] DriftHistoryPoint[] Features,
    [property: Id(6)] DriftHistoryPoint[] Outputs);

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

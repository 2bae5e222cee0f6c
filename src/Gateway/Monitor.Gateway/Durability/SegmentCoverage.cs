namespace Monitor.Gateway.Durability;

/// <summary>
/// Which log segments the versions' checkpoints already hold. A segment records, per version and sending
/// gateway, the last call it holds; it may be deleted once it is closed and every version's stored checkpoint
/// has a mark at least that far for that gateway. Thread-safe: the writer adds, the truncation reads.
/// </summary>
public sealed class SegmentCoverage
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, Dictionary<CallSource, long>> _segments = [];
    private readonly HashSet<long> _open = [];
    private readonly Dictionary<CallSource, long> _marks = [];

    public int Segments
    {
        get
        {
            lock (_gate)
            {
                return _segments.Count;
            }
        }
    }

    /// <summary>A segment being written: not deletable until <see cref="Close"/>.</summary>
    public void Open(long segment)
    {
        lock (_gate)
        {
            _segments.TryAdd(segment, []);
            _open.Add(segment);
        }
    }

    public void Close(long segment)
    {
        lock (_gate)
        {
            _open.Remove(segment);
        }
    }

    /// <summary>The segment holds the call <paramref name="sequence"/> of <paramref name="source"/>.</summary>
    public void Add(long segment, CallSource source, long sequence)
    {
        lock (_gate)
        {
            if (!_segments.TryGetValue(segment, out var calls))
            {
                calls = [];
                _segments[segment] = calls;
            }

            if (!calls.TryGetValue(source, out var last) || sequence > last)
            {
                calls[source] = sequence;
            }
        }
    }

    /// <summary>A version's stored checkpoint holds the calls of a gateway up to <paramref name="mark"/>.</summary>
    public void Learn(CallSource source, long mark)
    {
        lock (_gate)
        {
            if (!_marks.TryGetValue(source, out var known) || mark > known)
            {
                _marks[source] = mark;
            }
        }
    }

    /// <summary>The sources some closed segment still waits for: whom to ask for their checkpoint mark.</summary>
    public IReadOnlyList<CallSource> Waiting()
    {
        lock (_gate)
        {
            var waiting = new HashSet<CallSource>();
            foreach (var (segment, calls) in _segments)
            {
                if (_open.Contains(segment))
                {
                    continue;
                }

                foreach (var (source, last) in calls)
                {
                    if (_marks.GetValueOrDefault(source) < last)
                    {
                        waiting.Add(source);
                    }
                }
            }

            return [.. waiting];
        }
    }

    /// <summary>Removes and returns the closed segments every checkpoint holds, oldest first.</summary>
    public IReadOnlyList<long> TakeCovered()
    {
        lock (_gate)
        {
            var covered = new List<long>();
            foreach (var (segment, calls) in _segments)
            {
                if (!_open.Contains(segment) && calls.All(c => _marks.GetValueOrDefault(c.Key) >= c.Value))
                {
                    covered.Add(segment);
                }
            }

            foreach (var segment in covered)
            {
                _segments.Remove(segment);
            }

            ForgetUnneededMarks();
            return covered;
        }
    }

    // Marks of sources no segment names any more are dropped, so the map stays as small as the log.
    private void ForgetUnneededMarks()
    {
        var named = new HashSet<CallSource>(_segments.Values.SelectMany(c => c.Keys));
        foreach (var source in _marks.Keys.Where(s => !named.Contains(s)).ToList())
        {
            _marks.Remove(source);
        }
    }
}

/// <summary>A version and a gateway process sending to it: the calls one ingest mark counts.</summary>
public readonly record struct CallSource(string VersionKey, string Sender);

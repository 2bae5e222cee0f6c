using Monitor.Grains.Ingest;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Windows;

/// <summary>
/// The batches holding a version's most recent records, newest last, kept by reference (batches are
/// immutable) until at least <see cref="Capacity"/> newer records exist. This is both the
/// count-based feature window for drift and the source of the recent-records view.
/// </summary>
/// <remarks>
/// Checkpointed in segments of consecutive batches: a segment closes once it holds
/// <see cref="SegmentRecords"/> records and is then written once; only the open segment is written
/// again at each checkpoint. The serialized form of this class holds the counters alone.
/// </remarks>
[GenerateSerializer, Alias("monitor.RecentBatches")]
public sealed class RecentBatches
{
    [Id(1)] private int _records;
    [Id(2)] private readonly int _capacity;

    /// <summary>The segment of the oldest held batch and the open (newest) segment.</summary>
    [Id(3)] private long _firstSegment;
    [Id(4)] private long _openSegment;
    [Id(5)] private int _openRecords;

    [NonSerialized] private Queue<PredictionBatch> _batches = new();

    // The segment of each held batch, in step with _batches.
    [NonSerialized] private Queue<long> _segments = new();
    [NonSerialized] private HashSet<long> _dirtySegments = [];

    public RecentBatches(int capacity)
    {
        _capacity = Math.Max(1, capacity);
    }

    public int Capacity => _capacity;

    /// <summary>Records at which a segment closes: an eighth of the capacity, so at most about ten segments are held.</summary>
    public int SegmentRecords => Math.Max(64, _capacity / 8);

    /// <summary>Distinct storage slots segments cycle through: more than can be held at once.</summary>
    public int SegmentSlots => (_capacity / SegmentRecords) + 3;

    /// <summary>Records held, which may exceed the capacity by less than the oldest batch's size.</summary>
    public int Records => _records;

    public IReadOnlyCollection<PredictionBatch> Batches => _batches;

    public void Add(PredictionBatch batch)
    {
        if (_openRecords >= SegmentRecords)
        {
            _openSegment++;
            _openRecords = 0;
        }

        _batches.Enqueue(batch);
        _segments.Enqueue(_openSegment);
        _openRecords += batch.Count;
        _dirtySegments.Add(_openSegment);
        _records += batch.Count;
        Evict();
    }

    /// <summary>
    /// Visits the newest <paramref name="limit"/> records oldest first as (batch, index) pairs.
    /// </summary>
    public void VisitNewest(int limit, Action<PredictionBatch, int> visit)
    {
        var skip = Math.Max(0, _records - limit);
        foreach (var batch in _batches)
        {
            if (skip >= batch.Count)
            {
                skip -= batch.Count;
                continue;
            }

            for (var i = skip; i < batch.Count; i++)
            {
                visit(batch, i);
            }

            skip = 0;
        }
    }

    /// <summary>The segments the last checkpoint says are held, oldest first: their pages are read on activation.</summary>
    public IEnumerable<long> HeldSegments()
    {
        for (var s = _firstSegment; s <= _openSegment && _records > 0; s++)
        {
            yield return s;
        }
    }

    /// <summary>Segments changed since the last call (each with every batch of it still held or not).</summary>
    public List<RecentSegment> TakeChanged()
    {
        MergeChanged();
        var segments = new List<RecentSegment>(_dirtySegments.Count);
        foreach (var sequence in _dirtySegments)
        {
            var batches = _batches.Zip(_segments).Where(b => b.Second == sequence).Select(b => b.First).ToArray();
            if (batches.Length > 0)
            {
                segments.Add(new RecentSegment { Sequence = sequence, Batches = batches });
            }
        }

        _dirtySegments.Clear();
        return segments;
    }

    public void MarkChanged(IEnumerable<long> segments) => _dirtySegments.UnionWith(segments);

    /// <summary>The batches of each changed segment become one (<see cref="BatchMerge"/>): the same records, in order.</summary>
    private void MergeChanged()
    {
        var several = false;
        var previous = long.MinValue;
        foreach (var sequence in _segments)
        {
            several |= sequence == previous && _dirtySegments.Contains(sequence);
            previous = sequence;
        }

        if (!several)
        {
            return;
        }

        var batches = new Queue<PredictionBatch>();
        var sequences = new Queue<long>();
        var run = new List<PredictionBatch>();
        var runSegment = long.MinValue;
        foreach (var (batch, sequence) in _batches.Zip(_segments))
        {
            if (run.Count > 0 && sequence != runSegment)
            {
                Flush();
            }

            if (_dirtySegments.Contains(sequence))
            {
                run.Add(batch);
                runSegment = sequence;
            }
            else
            {
                batches.Enqueue(batch);
                sequences.Enqueue(sequence);
            }
        }

        Flush();
        _batches = batches;
        _segments = sequences;

        void Flush()
        {
            if (run.Count > 0)
            {
                batches.Enqueue(BatchMerge.Merge(run));
                sequences.Enqueue(runSegment);
                run.Clear();
            }
        }
    }

    /// <summary>Recreates the queue after the serialized form was read, from the checkpointed segments.</summary>
    public void Restore(IReadOnlyDictionary<long, RecentSegment> segments)
    {
        var first = _firstSegment;
        var open = _openSegment;
        _batches = new();
        _segments = new();
        _dirtySegments = [];
        _records = 0;
        _openRecords = 0;
        for (var s = first; s <= open; s++)
        {
            if (!segments.TryGetValue(s, out var segment) || segment.Sequence != s)
            {
                continue;
            }

            foreach (var batch in segment.Batches)
            {
                _batches.Enqueue(batch);
                _segments.Enqueue(s);
                _records += batch.Count;
                if (s == open)
                {
                    _openRecords += batch.Count;
                }
            }
        }

        _firstSegment = open;
        Evict();
    }

    private void Evict()
    {
        while (_batches.Count > 1 && _records - _batches.Peek().Count >= _capacity)
        {
            _records -= _batches.Dequeue().Count;
            _segments.Dequeue();
        }

        if (_segments.Count > 0)
        {
            _firstSegment = _segments.Peek();
        }
    }
}

using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Windows;

/// <summary>
/// The most recent raw latencies with their record times, so percentiles are numpy-exact whenever
/// every record of the asked period is still held. Remembers the newest record time it has dropped,
/// which tells whether a period is complete.
/// </summary>
/// <remarks>
/// Checkpointed in pages of <see cref="PageSize"/> entries: only pages written to since the last
/// checkpoint are stored again. The serialized form of this class holds the counters alone. The arrays grow
/// a page at a time, doubling, up to the capacity as entries arrive, so a version with few records holds few.
/// </remarks>
[GenerateSerializer, Alias("monitor.LatencyRing")]
public sealed class LatencyRing
{
    public const int PageSize = 512;

    [Id(3)] private int _next;
    [Id(4)] private int _count;
    [Id(5)] private long _newestDroppedMs = long.MinValue;
    [Id(6)] private readonly int _capacity;

    /// <summary>Entries ever added; tells which cycle of the ring each stored page entry belongs to.</summary>
    [Id(7)] private long _written;

    [NonSerialized] private double[] _latencies = [];
    [NonSerialized] private long[] _timestamps = [];
    [NonSerialized] private bool[] _succeeded = [];
    [NonSerialized] private HashSet<int> _dirtyPages = [];

    public LatencyRing(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        Allocate();
    }

    public int Count => _count;

    /// <summary>Pages holding entries: the ones read back on activation.</summary>
    public int HeldPages => (_count + PageSize - 1) / PageSize;

    /// <summary>Recreates the arrays after the serialized form was read; pages are put back with <see cref="Restore"/>.</summary>
    public void Allocate()
    {
        _latencies = [];
        _timestamps = [];
        _succeeded = [];
        Grow(_count);
        _dirtyPages = [];
    }

    public void Add(long timestampMs, double latencyMs, bool succeeded)
    {
        if (_next == _latencies.Length && _latencies.Length < _capacity)
        {
            // Still filling (entries go to 0, 1, 2, ... until the ring is full): room for one more.
            Grow(_next + 1);
        }

        if (_count == _capacity)
        {
            _newestDroppedMs = Math.Max(_newestDroppedMs, _timestamps[_next]);
        }
        else
        {
            _count++;
        }

        _latencies[_next] = latencyMs;
        _timestamps[_next] = timestampMs;
        _succeeded[_next] = succeeded;
        _dirtyPages.Add(_next / PageSize);
        _next = (_next + 1) % _capacity;
        _written++;
    }

    /// <summary>True when no record with a time in [fromMs, ∞) has been dropped.</summary>
    public bool HoldsEverythingSince(long fromMs) => _newestDroppedMs < fromMs;

    /// <summary>Copies the latencies of records in [fromMs, toMs) into a new array and counts successes.</summary>
    public double[] Select(long fromMs, long toMs, out long successes)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_timestamps[i] >= fromMs && _timestamps[i] < toMs)
            {
                n++;
            }
        }

        var values = new double[n];
        successes = 0;
        var k = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_timestamps[i] >= fromMs && _timestamps[i] < toMs)
            {
                values[k++] = _latencies[i];
                successes += _succeeded[i] ? 1 : 0;
            }
        }

        return values;
    }

    /// <summary>The pages changed since the last call.</summary>
    public List<LatencyPage> TakeChanged()
    {
        var pages = new List<LatencyPage>(_dirtyPages.Count);
        foreach (var page in _dirtyPages)
        {
            var start = page * PageSize;
            var length = Math.Min(PageSize, _latencies.Length - start);
            pages.Add(new LatencyPage
            {
                Index = page,
                Written = _written,
                Latencies = _latencies.AsSpan(start, length).ToArray(),
                Timestamps = _timestamps.AsSpan(start, length).ToArray(),
                Succeeded = _succeeded.AsSpan(start, length).ToArray(),
            });
        }

        _dirtyPages.Clear();
        return pages;
    }

    public void MarkChanged(IEnumerable<int> pages) => _dirtyPages.UnionWith(pages);

    /// <summary>
    /// Puts back checkpointed pages. Every entry the counters expect must come from the same cycle of
    /// the ring; if any does not (a page missing from storage, or from a checkpoint stored before pages had two rows),
    /// the ring starts empty and counts everything up to <paramref name="lastSeenMs"/> as dropped, so
    /// periods before it are answered from the sketch rather than from an incomplete sample.
    /// </summary>
    public void Restore(IReadOnlyDictionary<int, LatencyPage> pages, long lastSeenMs)
    {
        for (var slot = 0; slot < _count; slot++)
        {
            var page = pages.GetValueOrDefault(slot / PageSize);
            var offset = slot - ((slot / PageSize) * PageSize);
            if (page is null || offset >= page.Latencies.Length || CycleOf(slot, page.Written) != CycleOf(slot, _written))
            {
                _count = 0;
                _next = 0;
                _newestDroppedMs = Math.Max(_newestDroppedMs, lastSeenMs);
                Array.Clear(_timestamps);
                return;
            }

            _latencies[slot] = page.Latencies[offset];
            _timestamps[slot] = page.Timestamps[offset];
            _succeeded[slot] = page.Succeeded[offset];
        }
    }

    // Arrays of at least `entries` entries: pages doubling up to the capacity, so every page but the capacity's last is whole.
    private void Grow(int entries)
    {
        var length = _latencies.Length;
        while (length < entries)
        {
            length = Math.Min(_capacity, Math.Max(PageSize, length * 2));
        }

        if (length != _latencies.Length)
        {
            Array.Resize(ref _latencies, length);
            Array.Resize(ref _timestamps, length);
            Array.Resize(ref _succeeded, length);
        }
    }

    // The number of the last write to this slot among the first `written` entries (-1 if none).
    private long CycleOf(int slot, long written) => written <= slot ? -1 : (written - 1 - slot) / _capacity;
}

using Monitor.Grains.Outcomes.Budget;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// A version's recent predictions by id key, for joining labels and business events: the time,
/// confidence and value of each, in a ring of at most <see cref="Capacity"/> entries kept column by
/// column (79-126 bytes per held prediction with the lookup table, see docs/outcomes.md). Entries leave in arrival order: when
/// older than the horizon (on <see cref="Sweep"/>), early when the ring is full, or when the node's
/// <see cref="JoinIndexBudget"/> is over and publishes a cutoff (on the next batch or sweep, in the
/// version's own turn). Either way the id
/// goes to an <see cref="EvictedIdFilter"/> and is counted; nothing leaves silently.
/// </summary>
/// <remarks>
/// For storage, <see cref="Snapshot"/> packs the columns into one byte array (a block copy, which the
/// storage serializer also copies as a block) that can be written while the index goes on changing;
/// <see cref="Restore"/> rebuilds the ring and the lookup table from it.
/// </remarks>
public sealed partial class PredictionIndex
{
    /// <summary>The entry is the current one for its id (a later prediction with the same id retires it).</summary>
    public const int Live = 1;

    /// <summary>A label has been joined to the prediction.</summary>
    public const int Labeled = 2;

    /// <summary>The prediction failed (status "error"): nothing to score.</summary>
    public const int Failed = 4;

    /// <summary>The first bit of the per-event-type "already counted" flags.</summary>
    private const int FirstEventBit = 3;

    private const int InitialSlots = 1024;

    // Why an entry leaves before its time.
    private const int ByCap = 0;
    private const int ByHorizon = 1;
    private const int ByBudget = 2;

    private readonly int _capacity;
    private readonly long _horizonMs;
    private long _evictedByCap;
    private long _evictedByHorizon;
    private long _evictedByBudget;
    private long _replaced;
    private JoinIndexBudget? _budget;
    private JoinIndexProfile? _profile;
    private EvictedIdFilter? _evicted;

    // The ring, column by column, oldest entry at _head.
    private ulong[] _keys = [];
    private long[] _times = [];
    private double[] _confidences = [];
    private double[] _numbers = [];
    private int[] _classes = [];
    private int[] _flags = [];
    private uint[] _segments = [];
    private int _head;
    private int _count;
    private KeySlotTable _slots;

    public PredictionIndex(int capacity, TimeSpan horizon)
    {
        _capacity = Math.Max(1, capacity);
        _horizonMs = (long)horizon.TotalMilliseconds;
        _slots = new KeySlotTable(0);
    }

    public int Capacity => _capacity;

    public TimeSpan Horizon => TimeSpan.FromMilliseconds(_horizonMs);

    /// <summary>Predictions that can be joined now.</summary>
    public int Count => _slots.Count;

    public long EvictedByCap => _evictedByCap;

    public long EvictedByHorizon => _evictedByHorizon;

    /// <summary>Predictions let go of before the horizon because the node's join indexes were over their memory budget.</summary>
    public long EvictedByBudget => _evictedByBudget;

    /// <summary>Charges the index's held ids to the node's budget from now on, and follows its cutoff.</summary>
    public void AttachBudget(JoinIndexBudget budget)
    {
        _budget = budget;
        _profile = budget.Register();
        ReportToBudget();
    }

    /// <summary>The index leaves the node (its version deactivates): its ids no longer count against the budget.</summary>
    public void DetachBudget()
    {
        if (_budget is not null && _profile is not null)
        {
            _budget.Unregister(_profile);
        }

        (_budget, _profile) = (null, null);
    }

    public long ReplacedIds => _replaced;

    /// <summary>Adds a prediction; a previous prediction with the same key is retired (the newest is joined).</summary>
    public void Add(ulong key, long timeMs, double confidence, double number, int classId, bool failed, uint segments = 0)
    {
        if (_count == _keys.Length)
        {
            if (_keys.Length < _capacity)
            {
                Grow();
            }
            else
            {
                EvictOldest(ByCap);
            }
        }

        var slot = Wrap(_head + _count);
        _keys[slot] = key;
        _times[slot] = timeMs;
        _confidences[slot] = confidence;
        _numbers[slot] = number;
        _classes[slot] = classId;
        _flags[slot] = Live | (failed ? Failed : 0);
        _segments[slot] = segments;
        _count++;

        // Growing rebuilds the table: take it only now.
        var previous = _slots.Set(key, slot);
        if (previous >= 0)
        {
            _flags[previous] &= ~Live;
            _replaced++;
        }
    }

    /// <summary>
    /// Adds predictions in order, as <see cref="Add"/> does one. The table positions and filter blocks
    /// they will touch (their own, and those of the entries they push out) are prefetched a few
    /// entries ahead, so the cache misses of a large index overlap instead of following each other.
    /// </summary>
    public void AddAll(ReadOnlySpan<ulong> keys, ReadOnlySpan<long> timesMs, ReadOnlySpan<double> confidences, ReadOnlySpan<double> numbers, ReadOnlySpan<int> classIds, ReadOnlySpan<bool> failed, ReadOnlySpan<uint> segments)
    {
        const int Ahead = 8;
        var slots = _slots;
        for (var i = 0; i < keys.Length; i++)
        {
            var j = i + Ahead;
            if (j < keys.Length && _count == _keys.Length && _keys.Length == _capacity && !slots.IsFull)
            {
                slots.Prefetch(keys[j]);
                var evicted = _keys[Wrap(_head + j - i)];
                slots.Prefetch(evicted);
                _evicted?.Prefetch(evicted);
            }

            Add(keys[i], timesMs[i], confidences[i], numbers[i], classIds[i], failed[i], segments.IsEmpty ? 0 : segments[i]);
            slots = _slots;
        }

        TrimToBudget();
    }

    public bool TryFind(ulong key, out int slot) => _slots.TryGet(key, out slot);

    /// <summary>Prefetches the table position of a key about to be looked up.</summary>
    public void Prefetch(ulong key) => _slots.Prefetch(key);

    /// <summary>True when the key probably belonged to a prediction that has left the index.</summary>
    public bool WasEvicted(ulong key) => _evicted is not null && _evicted.MightContain(key);

    public long TimeOf(int slot) => _times[slot];

    public double ConfidenceOf(int slot) => _confidences[slot];

    /// <summary>The numeric prediction; NaN when it was a string class or absent.</summary>
    public double NumberOf(int slot) => _numbers[slot];

    /// <summary>The class id of a string prediction; -1 otherwise.</summary>
    public int ClassOf(int slot) => _classes[slot];

    /// <summary>The prediction's segment cells, one byte per segment key (see Segments/SegmentCells); 0 without segments.</summary>
    public uint SegmentsOf(int slot) => _segments[slot];

    public bool Has(int slot, int flag) => (_flags[slot] & flag) != 0;

    public void Set(int slot, int flag) => _flags[slot] |= flag;

    /// <summary>The flag marking that an event of this type id was counted for the prediction; 0 when the type has none.</summary>
    public static int EventFlag(int typeId) => typeId < OutcomeOptions.MaxFlaggedEventTypes ? 1 << (FirstEventBit + typeId) : 0;

    /// <summary>
    /// Lets go of predictions older than the horizon, then of those older than the node budget's cutoff
    /// (oldest arrivals first); returns how many left.
    /// </summary>
    public int Sweep(long nowMs)
    {
        var before = _evictedByHorizon + _evictedByBudget;
        var oldest = nowMs - _horizonMs;
        while (_count > 0 && _times[_head] < oldest)
        {
            EvictOldest(ByHorizon);
        }

        TrimToBudget();
        return (int)(_evictedByHorizon + _evictedByBudget - before);
    }

    // Entries older than the budget's cutoff leave, oldest arrivals first; then the held count and profile are reported.
    private void TrimToBudget()
    {
        if (_budget is null || _profile is null)
        {
            return;
        }

        var cutoff = _budget.CutoffMs;
        if (cutoff != BudgetCutoff.None)
        {
            while (_count > 0 && _times[_head] < cutoff)
            {
                EvictOldest(ByBudget);
            }
        }

        ReportToBudget();
    }

    private void ReportToBudget()
    {
        if (_budget is null || _profile is null)
        {
            return;
        }

        var times = _profile.Times;
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = _count == 0 ? 0 : _times[Wrap(_head + (int)((long)(_count - 1) * i / (times.Length - 1)))];
        }

        _budget.Report(_profile, Count);
    }

    private void EvictOldest(int reason)
    {
        var slot = _head;
        if ((_flags[slot] & Live) != 0)
        {
            _slots.Remove(_keys[slot]);
            (_evicted ??= new EvictedIdFilter(_capacity / 2)).Add(_keys[slot]);
            switch (reason)
            {
                case ByCap:
                    _evictedByCap++;
                    break;
                case ByHorizon:
                    _evictedByHorizon++;
                    break;
                default:
                    _evictedByBudget++;
                    break;
            }
        }

        _flags[slot] = 0;
        _head = Wrap(_head + 1);
        _count--;
    }

    private void Grow()
    {
        var length = (int)Math.Min(_capacity, Math.Max(InitialSlots, (long)_keys.Length * 2));
        var keys = new ulong[length];
        var times = new long[length];
        var confidences = new double[length];
        var numbers = new double[length];
        var classes = new int[length];
        var flags = new int[length];
        var segments = new uint[length];
        for (var i = 0; i < _count; i++)
        {
            var from = Wrap(_head + i);
            keys[i] = _keys[from];
            times[i] = _times[from];
            confidences[i] = _confidences[from];
            numbers[i] = _numbers[from];
            classes[i] = _classes[from];
            flags[i] = _flags[from];
            segments[i] = _segments[from];
        }

        (_keys, _times, _confidences, _numbers, _classes, _flags, _segments) = (keys, times, confidences, numbers, classes, flags, segments);
        _head = 0;
        _slots = Rebuild();
    }

    private int Wrap(int slot) => slot >= _keys.Length ? slot - _keys.Length : slot;

    private KeySlotTable Rebuild()
    {
        var table = new KeySlotTable(Math.Min(_capacity, Math.Max(_count, _keys.Length)));
        for (var i = 0; i < _count; i++)
        {
            var slot = Wrap(_head + i);
            if ((_flags[slot] & Live) != 0)
            {
                table.Set(_keys[slot], slot);
            }
        }

        return table;
    }
}

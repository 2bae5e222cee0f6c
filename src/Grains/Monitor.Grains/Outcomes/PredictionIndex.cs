using System.Runtime.InteropServices;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// A version's recent predictions by id key, for joining labels and business events: the time,
/// confidence and value of each, in a ring of at most <see cref="Capacity"/> entries kept column by
/// column (about 70 bytes per prediction with the lookup table). Entries leave in arrival order: when
/// older than the horizon (on <see cref="Sweep"/>), or early when the ring is full. Either way the id
/// goes to an <see cref="EvictedIdFilter"/> and is counted; nothing leaves silently.
/// </summary>
[GenerateSerializer, Alias("monitor.PredictionIndex")]
public sealed class PredictionIndex
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

    [Id(0)] private readonly int _capacity;
    [Id(1)] private readonly long _horizonMs;
    [Id(2)] private ulong[] _keys = [];
    [Id(3)] private long[] _times = [];
    [Id(4)] private double[] _confidences = [];
    [Id(5)] private double[] _numbers = [];
    [Id(6)] private int[] _classes = [];
    [Id(7)] private int[] _flags = [];
    [Id(8)] private int _head;
    [Id(9)] private int _count;
    [Id(10)] private long _evictedByCap;
    [Id(11)] private long _evictedByHorizon;
    [Id(12)] private long _replaced;
    [Id(13)] private EvictedIdFilter? _evicted;
    [Id(14)] private int _live;

    // Key → slot of the live entry; rebuilt from the columns after a load.
    [NonSerialized] private Dictionary<ulong, int>? _slots;

    public PredictionIndex(int capacity, TimeSpan horizon)
    {
        _capacity = Math.Max(1, capacity);
        _horizonMs = (long)horizon.TotalMilliseconds;
    }

    public int Capacity => _capacity;

    public TimeSpan Horizon => TimeSpan.FromMilliseconds(_horizonMs);

    /// <summary>Predictions that can be joined now.</summary>
    public int Count => _live;

    public long EvictedByCap => _evictedByCap;

    public long EvictedByHorizon => _evictedByHorizon;

    public long ReplacedIds => _replaced;

    /// <summary>Adds a prediction; a previous prediction with the same key is retired (the newest is joined).</summary>
    public void Add(ulong key, long timeMs, double confidence, double number, int classId, bool failed)
    {
        if (_count == _keys.Length)
        {
            if (_keys.Length < _capacity)
            {
                Grow();
            }
            else
            {
                EvictOldest(byCap: true);
            }
        }

        var slot = Wrap(_head + _count);
        _keys[slot] = key;
        _times[slot] = timeMs;
        _confidences[slot] = confidence;
        _numbers[slot] = number;
        _classes[slot] = classId;
        _flags[slot] = Live | (failed ? Failed : 0);
        _count++;

        ref var existing = ref CollectionsMarshal.GetValueRefOrAddDefault(Slots(), key, out var exists);
        if (exists)
        {
            _flags[existing] &= ~Live;
            _replaced++;
        }
        else
        {
            _live++;
        }

        existing = slot;
    }

    public bool TryFind(ulong key, out int slot) => Slots().TryGetValue(key, out slot);

    /// <summary>True when the key probably belonged to a prediction that has left the index.</summary>
    public bool WasEvicted(ulong key) => _evicted is not null && _evicted.MightContain(key);

    public long TimeOf(int slot) => _times[slot];

    public double ConfidenceOf(int slot) => _confidences[slot];

    /// <summary>The numeric prediction; NaN when it was a string class or absent.</summary>
    public double NumberOf(int slot) => _numbers[slot];

    /// <summary>The class id of a string prediction; -1 otherwise.</summary>
    public int ClassOf(int slot) => _classes[slot];

    public bool Has(int slot, int flag) => (_flags[slot] & flag) != 0;

    public void Set(int slot, int flag) => _flags[slot] |= flag;

    /// <summary>The flag marking that an event of this type id was counted for the prediction; 0 when the type has none.</summary>
    public static int EventFlag(int typeId) => typeId < OutcomeOptions.MaxFlaggedEventTypes ? 1 << (FirstEventBit + typeId) : 0;

    /// <summary>Lets go of predictions older than the horizon (oldest arrivals first); returns how many left.</summary>
    public int Sweep(long nowMs)
    {
        var before = _evictedByHorizon;
        var oldest = nowMs - _horizonMs;
        while (_count > 0 && _times[_head] < oldest)
        {
            EvictOldest(byCap: false);
        }

        return (int)(_evictedByHorizon - before);
    }

    private void EvictOldest(bool byCap)
    {
        var slot = _head;
        if ((_flags[slot] & Live) != 0)
        {
            Slots().Remove(_keys[slot]);
            (_evicted ??= new EvictedIdFilter(_capacity / 2)).Add(_keys[slot]);
            _live--;
            if (byCap)
            {
                _evictedByCap++;
            }
            else
            {
                _evictedByHorizon++;
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
        for (var i = 0; i < _count; i++)
        {
            var from = Wrap(_head + i);
            keys[i] = _keys[from];
            times[i] = _times[from];
            confidences[i] = _confidences[from];
            numbers[i] = _numbers[from];
            classes[i] = _classes[from];
            flags[i] = _flags[from];
        }

        (_keys, _times, _confidences, _numbers, _classes, _flags) = (keys, times, confidences, numbers, classes, flags);
        _head = 0;
        _slots = null;
        Slots();
    }

    private int Wrap(int slot) => slot >= _keys.Length ? slot - _keys.Length : slot;

    private Dictionary<ulong, int> Slots()
    {
        if (_slots is null)
        {
            _slots = new Dictionary<ulong, int>(_live);
            for (var i = 0; i < _count; i++)
            {
                var slot = Wrap(_head + i);
                if ((_flags[slot] & Live) != 0)
                {
                    _slots[_keys[slot]] = slot;
                }
            }
        }

        return _slots;
    }
}

using Monitor.Statistics.Sketches;

namespace Monitor.Grains.Drift;

/// <summary>
/// Data-quality counts of a set of records (one time bucket, or the feature window): per feature how many
/// records were counted and how many had a null, no value, the wrong type, a number outside the reference
/// range or an unseen category; per record set how many had unknown or missing features. Features are kept
/// by name, so counts made under different schemas (before and after a reference change) merge correctly.
/// </summary>
[GenerateSerializer, Alias("monitor.DataQualityCounts")]
public sealed class DataQualityCounts
{
    /// <summary>Counters per feature, in this order.</summary>
    public const int Stride = 6;
    public const int RecordsSlot = 0;
    public const int NullSlot = 1;
    public const int MissingSlot = 2;
    public const int WrongTypeSlot = 3;
    public const int OutOfRangeSlot = 4;
    public const int UnseenSlot = 5;

    private static readonly int[][] Identities = [.. Enumerable.Range(0, 65).Select(n => Enumerable.Range(0, n).ToArray())];

    [Id(0)] private string[] _features = [];
    [Id(1)] private QualityCheck[] _checks = [];
    [Id(2)] private long[] _counts = [];
    [Id(3)] private long _records;
    [Id(4)] private long _recordsChecked;
    [Id(5)] private long _unknownFeatureRecords;
    [Id(6)] private long _missingFeatureRecords;
    [Id(7)] private long _violationRecords;
    [Id(8)] private long _nonFiniteRefused;

    // Packed (see Pack): each feature's check as a byte, then every counter as a varint, a few dozen bytes instead of
    // two arrays of about 300; _checks and _counts are then empty.
    [Id(9)] private byte[]? _packed;

    // Where the features of the schema last counted with sit in this instance's arrays (not stored).
    [NonSerialized] private string[]? _mappedSchema;
    [NonSerialized] private int[] _map = [];

    public long Records => _records;

    /// <summary>Records checked against a reference's schema.</summary>
    public long RecordsChecked => _recordsChecked;

    public long UnknownFeatureRecords => _unknownFeatureRecords;

    public long MissingFeatureRecords => _missingFeatureRecords;

    /// <summary>Records with an unknown or a missing feature, or both.</summary>
    public long ViolationRecords => _violationRecords;

    public long NonFiniteRefused => _nonFiniteRefused;

    public IReadOnlyList<string> Features => _features;

    public QualityCheck CheckOf(int feature) => _packed is null ? _checks[feature] : (QualityCheck)_packed[feature];

    public long Count(int feature, int slot) => _packed is null ? _counts[(feature * Stride) + slot] : PackedCount((feature * Stride) + slot);

    public bool IsPacked => _packed is not null;

    /// <summary>The counters array; feature i's counters start at i * <see cref="Stride"/> of <see cref="MapFor"/>'s map.</summary>
    internal long[] Counters => _packed is null ? _counts : Unpack();

    internal void AddRecords(long records, bool checkedAgainstReference, long unknown, long missing, long violations)
    {
        _records += records;
        if (checkedAgainstReference)
        {
            _recordsChecked += records;
            _unknownFeatureRecords += unknown;
            _missingFeatureRecords += missing;
            _violationRecords += violations;
        }
    }

    public void AddNonFiniteRefused(long records) => _nonFiniteRefused += records;

    /// <summary>
    /// For each feature of the schema, its position here (adding the features this instance lacks). A fresh
    /// instance takes the schema's own names array, so the common case is the identity map, found by reference.
    /// </summary>
    internal int[] MapFor(QualitySchema schema)
    {
        if (_packed is not null)
        {
            Unpack();
        }

        return ReferenceEquals(_mappedSchema, schema.Names) ? _map : Map(schema);
    }

    // Apart from the hot path above: the lambda's closure would otherwise be allocated on every call.
    private int[] Map(QualitySchema schema)
    {
        var names = schema.Names;
        if (_features.Length == 0)
        {
            _features = names;
            _checks = new QualityCheck[names.Length];
            for (var j = 0; j < names.Length; j++)
            {
                _checks[j] = schema.Check(j);
            }

            _counts = new long[names.Length * Stride];
            _map = Identity(names.Length);
        }
        else
        {
            _map = Remap(names, j => schema.Check(j));
        }

        _mappedSchema = names;
        return _map;
    }

    public void Merge(DataQualityCounts other)
    {
        if (_packed is not null)
        {
            Unpack();
        }

        _records += other._records;
        _recordsChecked += other._recordsChecked;
        _unknownFeatureRecords += other._unknownFeatureRecords;
        _missingFeatureRecords += other._missingFeatureRecords;
        _violationRecords += other._violationRecords;
        _nonFiniteRefused += other._nonFiniteRefused;
        if (other._features.Length == 0)
        {
            return;
        }

        var (checks, source) = other.Arrays();
        int[] map = _features.Length == 0 || ReferenceEquals(_features, other._features) || _features.AsSpan().SequenceEqual(other._features)
            ? AdoptOrIdentity(other._features, checks, source.Length)
            : Remap(other._features, j => checks[j]);
        for (var j = 0; j < other._features.Length; j++)
        {
            var from = j * Stride;
            var to = map[j] * Stride;
            for (var s = 0; s < Stride; s++)
            {
                _counts[to + s] += source[from + s];
            }
        }
    }

    private int[] AdoptOrIdentity(string[] features, QualityCheck[] checks, int counters)
    {
        if (_features.Length == 0)
        {
            _features = features;
            _checks = (QualityCheck[])checks.Clone();
            _counts = new long[counters];
            _mappedSchema = null;
        }

        return Identity(_features.Length);
    }

    // Positions of the given names here, appending the missing ones (arrays are replaced, never shared in place).
    private int[] Remap(string[] names, Func<int, QualityCheck> checkOf)
    {
        var position = new Dictionary<string, int>(_features.Length, StringComparer.Ordinal);
        for (var i = 0; i < _features.Length; i++)
        {
            position[_features[i]] = i;
        }

        var map = new int[names.Length];
        var added = new List<int>();
        for (var j = 0; j < names.Length; j++)
        {
            if (position.TryGetValue(names[j], out var at))
            {
                map[j] = at;
                if (checkOf(j) != QualityCheck.Observed)
                {
                    // A reference's type is more telling than "observed"; the newest schema wins.
                    _checks[at] = checkOf(j);
                }
            }
            else
            {
                map[j] = _features.Length + added.Count;
                added.Add(j);
            }
        }

        if (added.Count > 0)
        {
            var features = new string[_features.Length + added.Count];
            var checks = new QualityCheck[features.Length];
            _features.CopyTo(features, 0);
            _checks.CopyTo(checks, 0);
            for (var a = 0; a < added.Count; a++)
            {
                features[_features.Length + a] = names[added[a]];
                checks[_features.Length + a] = checkOf(added[a]);
            }

            Array.Resize(ref _counts, features.Length * Stride);
            _features = features;
            _checks = checks;
            _mappedSchema = null;
        }

        return map;
    }

    private static int[] Identity(int n) => n < Identities.Length ? Identities[n] : [.. Enumerable.Range(0, n)];

    /// <summary>
    /// Packs the counters of a bucket whose interval is over (lossless: every count read stays the same); the next
    /// count or merge into them unpacks them.
    /// </summary>
    public void Pack()
    {
        if (_packed is not null || _features.Length == 0)
        {
            return;
        }

        var packed = new Varint(_checks.Length + (_counts.Length * 2));
        var bytes = new byte[_checks.Length];
        for (var j = 0; j < _checks.Length; j++)
        {
            bytes[j] = (byte)_checks[j];
        }

        foreach (var count in _counts)
        {
            packed.Write((ulong)count);
        }

        _packed = [.. bytes, .. packed.ToArray()];
        _checks = [];
        _counts = [];
    }

    // The checks and counters, read from the packed form (into new arrays) when packed.
    private (QualityCheck[] Checks, long[] Counts) Arrays()
    {
        if (_packed is null)
        {
            return (_checks, _counts);
        }

        var n = _features.Length;
        var checks = new QualityCheck[n];
        for (var j = 0; j < n; j++)
        {
            checks[j] = (QualityCheck)_packed[j];
        }

        var counts = new long[n * Stride];
        var reader = new Varint.Reader(_packed.AsSpan(n));
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = (long)reader.Read();
        }

        return (checks, counts);
    }

    private long PackedCount(int at)
    {
        var reader = new Varint.Reader(_packed.AsSpan(_features.Length));
        for (var i = 0; i < at; i++)
        {
            reader.Read();
        }

        return (long)reader.Read();
    }

    private long[] Unpack()
    {
        (_checks, _counts) = Arrays();
        _packed = null;
        return _counts;
    }
}

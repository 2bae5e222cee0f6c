using System.Text;

namespace Monitor.Grains.Alerting;

/// <summary>
/// An alert's labels, sorted by name. Its fingerprint is Prometheus's: FNV-1a 64 over the sorted
/// names and values, each followed by the byte 0xFF, written as 16 hex digits; so Monitor's alert
/// identities equal Alertmanager's for the same labels.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.LabelSet")]
public sealed class LabelSet : IEquatable<LabelSet>
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    [Id(0)] private readonly string[] _names;
    [Id(1)] private readonly string[] _values;

    private LabelSet(string[] names, string[] values)
    {
        _names = names;
        _values = values;
    }

    public static LabelSet Empty { get; } = new([], []);

    public int Count => _names.Length;

    public IEnumerable<KeyValuePair<string, string>> Pairs
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
            {
                yield return new(_names[i], _values[i]);
            }
        }
    }

    /// <summary>Labels with empty values are dropped (Prometheus treats them as absent).</summary>
    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            if (!string.IsNullOrEmpty(value))
            {
                sorted[name] = value;
            }
        }

        return new LabelSet([.. sorted.Keys], [.. sorted.Values]);
    }

    public string? this[string name]
    {
        get
        {
            var i = Array.BinarySearch(_names, name, StringComparer.Ordinal);
            return i >= 0 ? _values[i] : null;
        }
    }

    /// <summary>The value of a label, "" when absent (how matchers see a missing label).</summary>
    public string ValueOrEmpty(string name) => this[name] ?? string.Empty;

    public LabelSet Only(IReadOnlyCollection<string> names) =>
        From(Pairs.Where(p => names.Contains(p.Key)));

    public Dictionary<string, string> ToDictionary()
    {
        var map = new Dictionary<string, string>(_names.Length, StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            map[_names[i]] = _values[i];
        }

        return map;
    }

    public ulong FingerprintValue()
    {
        var hash = Offset;
        for (var i = 0; i < _names.Length; i++)
        {
            hash = Add(Add(hash, _names[i]), _values[i]);
        }

        return hash;
    }

    public string Fingerprint() => FingerprintValue().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Alertmanager's rendering: {a="1", b="2"}.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < _names.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(_names[i]).Append("=\"").Append(_values[i].Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return text.Append('}').ToString();
    }

    public bool Equals(LabelSet? other) =>
        other is not null && _names.AsSpan().SequenceEqual(other._names) && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => FingerprintValue().GetHashCode();

    private static ulong Add(ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var n = Encoding.UTF8.GetBytes(text, bytes);
        for (var i = 0; i < n; i++)
        {
            hash = (hash ^ bytes[i]) * Prime;
        }

        return (hash ^ 0xFF) * Prime;
    }
}

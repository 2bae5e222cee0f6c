using System.Text;
using System.Text.Unicode;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// A small process-wide, lossy cache from UTF-8 bytes to strings, for the short values that repeat
/// across requests (feature names, model and version names, error types, labels, categories). It is
/// direct-mapped and bounded, so hostile high-cardinality input only evicts, never grows it; entries
/// are immutable, so readers need no lock.
/// </summary>
internal sealed class Utf8StringCache
{
    private readonly Entry?[] _slots;
    private readonly int _mask;

    public Utf8StringCache(int slots, int maxBytes)
    {
        if (!int.IsPow2(slots))
        {
            throw new ArgumentOutOfRangeException(nameof(slots), "must be a power of two");
        }

        _slots = new Entry?[slots];
        _mask = slots - 1;
        MaxBytes = maxBytes;
    }

    public static Utf8StringCache Shared { get; } = new(8192, 64);

    /// <summary>Longer values are not cached (they rarely repeat and would make the cache large).</summary>
    public int MaxBytes { get; }

    public static int Hash(ReadOnlySpan<byte> utf8)
    {
        // HashCode is seeded per process, so crafted keys cannot be made to collide on purpose.
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    /// <summary>The string for these bytes, or null when they are not valid UTF-8.</summary>
    public string? GetOrAdd(ReadOnlySpan<byte> utf8) => GetOrAdd(utf8, utf8.Length <= MaxBytes ? Hash(utf8) : 0);

    /// <summary>As <see cref="GetOrAdd(ReadOnlySpan{byte})"/> with the caller's <see cref="Hash"/> of the bytes.</summary>
    public string? GetOrAdd(ReadOnlySpan<byte> utf8, int hash)
    {
        if (utf8.Length > MaxBytes)
        {
            return Decode(utf8);
        }

        ref var slot = ref _slots[hash & _mask];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        var value = Decode(utf8);
        if (value is not null)
        {
            Volatile.Write(ref slot, new Entry(hash, utf8.ToArray(), value));
        }

        return value;
    }

    public static string? Decode(ReadOnlySpan<byte> utf8) =>
        utf8.IsEmpty ? string.Empty : Utf8.IsValid(utf8) ? Encoding.UTF8.GetString(utf8) : null;

    private sealed class Entry(int hash, byte[] utf8, string value)
    {
        public readonly int Hash = hash;
        public readonly byte[] Utf8 = utf8;
        public readonly string Value = value;
    }
}

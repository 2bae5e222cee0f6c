using Monitor.Grains.Versions.Checkpoints;
using Orleans.Serialization;

namespace Monitor.Benchmarks.WindowMemory;

/// <summary>
/// A version's checkpoint rows, counted as Orleans' serializer writes them (what grain storage stores): held in
/// memory, or passed on to the real store (the SQLite file) when one is given.
/// </summary>
internal sealed class CountingPageStore(Serializer serializer, IWindowPageStore? inner) : IWindowPageStore
{
    private readonly Dictionary<string, byte[]> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

    public long BytesWritten { get; private set; }

    public long Writes { get; private set; }

    /// <summary>Payload bytes of the rows as last written (both rows of every slot, and the core).</summary>
    public long BytesHeld => _sizes.Values.Sum();

    public int Rows => _sizes.Count;

    /// <summary>Bytes held per row family ("window.fine" for "window.fine.12" and "window.fine.12.b"; "core" for the core row).</summary>
    public IEnumerable<(string Family, int Rows, long Bytes)> HeldByFamily() =>
        _sizes.GroupBy(r => Family(r.Key)).Select(g => (g.Key, g.Count(), g.Sum(r => r.Value))).OrderByDescending(g => g.Item3);

    private static string Family(string row)
    {
        var parts = row.Split('.');
        var end = Array.FindIndex(parts, p => p.Length > 0 && char.IsAsciiDigit(p[0]));
        return end < 0 ? (row == CheckpointStore.CoreRow ? "core" : row) : string.Join('.', parts[..end]);
    }

    public async Task<T?> ReadAsync<T>(string name)
        where T : class
    {
        if (inner is not null)
        {
            return await inner.ReadAsync<T>(name);
        }

        return _rows.TryGetValue(name, out var bytes) ? serializer.Deserialize<T>(bytes) : null;
    }

    public async Task WriteAsync<T>(string name, T value)
        where T : class
    {
        var bytes = serializer.SerializeToArray(value);
        BytesWritten += bytes.Length;
        Writes++;
        _sizes[name] = bytes.Length;
        if (inner is not null)
        {
            await inner.WriteAsync(name, value);
        }
        else
        {
            _rows[name] = bytes;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Windows;
using Monitor.Grains.Windows.Checkpoints;
using Orleans.Serialization;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// Checkpoint rows as bytes made by Orleans' serializer (what the silo's storage writes), counting
/// the bytes of every write; a row name can be made to fail, as an unreachable storage would.
/// </summary>
public sealed class SerializingPageStore : IWindowPageStore
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(VersionWindow).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public Dictionary<string, byte[]> Rows { get; } = new(StringComparer.Ordinal);

    public long BytesWritten { get; private set; }

    public int Writes { get; private set; }

    public Func<string, bool> Fails { get; set; } = _ => false;

    public Task<T?> ReadAsync<T>(string name)
        where T : class =>
        Task.FromResult(Rows.TryGetValue(name, out var bytes) ? Serializer.Deserialize<T>(bytes) : null);

    public Task WriteAsync<T>(string name, T value)
        where T : class
    {
        if (Fails(name))
        {
            throw new IOException($"storage unreachable writing {name}");
        }

        var bytes = Serializer.SerializeToArray(value);
        Rows[name] = bytes;
        BytesWritten += bytes.Length;
        Writes++;
        return Task.CompletedTask;
    }

    public void ResetCounts()
    {
        BytesWritten = 0;
        Writes = 0;
    }

    public long StoredBytes => Rows.Values.Sum(r => (long)r.Length);
}

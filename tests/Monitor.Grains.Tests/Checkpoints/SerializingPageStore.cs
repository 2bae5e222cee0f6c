using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Windows;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;
using Orleans.Serialization;

namespace Monitor.Grains.Tests.Checkpoints;

/// <summary>
/// Checkpoint rows as bytes made by Orleans' serializer (what the silo's storage writes), counting
/// the bytes of every write. Faults: a row name can be made to fail, as an unreachable storage would;
/// writes can stop after a number of them (a process that dies there: nothing later is stored); and a
/// row can be stored while its writer is told it failed (a timeout after the write landed).
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

    /// <summary>Writes still stored before every later one fails; null for no limit.</summary>
    public int? WritesLeft { get; set; }

    /// <summary>Rows that are stored but whose writer gets an error.</summary>
    public Func<string, bool> AnswerLost { get; set; } = _ => false;

    public Task<T?> ReadAsync<T>(string name)
        where T : class =>
        Task.FromResult(Rows.TryGetValue(name, out var bytes) ? Serializer.Deserialize<T>(bytes) : null);

    public Task WriteAsync<T>(string name, T value)
        where T : class
    {
        if (Fails(name) || WritesLeft <= 0)
        {
            throw new IOException($"storage unreachable writing {name}");
        }

        WritesLeft--;
        var bytes = Serializer.SerializeToArray(value);
        Rows[name] = bytes;
        BytesWritten += bytes.Length;
        Writes++;
        return AnswerLost(name) ? throw new TimeoutException($"no answer writing {name}") : Task.CompletedTask;
    }

    public void ResetCounts()
    {
        BytesWritten = 0;
        Writes = 0;
    }

    public long StoredBytes => Rows.Values.Sum(r => (long)r.Length);
}

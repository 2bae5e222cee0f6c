using System.Diagnostics;
using Orleans.Storage;

namespace Monitor.Benchmarks;

/// <summary>
/// A version's checkpoint writes as the version makes them: its pages together, each to the spare row of its
/// slot (two rows a slot, taken in turn), and after all of them the core row; every write is timed.
/// </summary>
public sealed class CheckpointingVersion
{
    private readonly IGrainStorage _storage;
    private readonly GrainId _grain;
    private readonly GrainState<byte[]>[][] _pages;
    private readonly GrainState<byte[]> _core;
    private readonly Action<long> _record;
    private int _round;

    public CheckpointingVersion(IGrainStorage storage, int index, int[] pageBytes, int coreBytes, Action<long> record)
    {
        _storage = storage;
        _grain = GrainId.Create("modelversion", $"bench/v{index}");
        var random = new Random(index);
        byte[] Payload(int bytes)
        {
            var payload = new byte[bytes];
            random.NextBytes(payload);
            return payload;
        }

        _pages = [.. pageBytes.Select(bytes => new[] { new GrainState<byte[]>(Payload(bytes)), new GrainState<byte[]>(Payload(bytes)) })];
        _core = new GrainState<byte[]>(Payload(coreBytes));
        _record = record;
    }

    public async Task CheckpointAsync()
    {
        var row = _round++ & 1;
        await Task.WhenAll(_pages.Select((slot, i) => Write($"page.{i}{(row == 0 ? string.Empty : ".b")}", slot[row])));
        await Write("window", _core);
    }

    private async Task Write(string name, GrainState<byte[]> state)
    {
        var start = Stopwatch.GetTimestamp();
        await _storage.WriteStateAsync(name, _grain, state);
        _record(Stopwatch.GetTimestamp() - start);
    }
}

using Orleans.Storage;

namespace Monitor.Grains.Tests.Failover;

/// <summary>
/// Grain storage in front of another that can make one grain's writes stop after a number of them, as when
/// its silo dies there: those writes are stored, every later one of that grain fails and stores nothing.
/// </summary>
public sealed class CrashingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly Lock _gate = new();
    private GrainId? _grain;
    private int _left;

    /// <summary>Writes of the armed grain refused since it was armed.</summary>
    public int Refused { get; private set; }

    /// <summary>Lets <paramref name="writes"/> more writes of the grain through, then refuses the rest.</summary>
    public void Arm(GrainId grain, int writes)
    {
        lock (_gate)
        {
            (_grain, _left, Refused) = (grain, writes, 0);
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _grain = null;
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            if (_grain == grainId && _left-- <= 0)
            {
                Refused++;
                return Task.FromException(new IOException($"the silo died before writing {stateName}"));
            }
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

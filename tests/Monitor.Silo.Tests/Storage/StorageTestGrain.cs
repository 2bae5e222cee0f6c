namespace Monitor.Silo.Tests.Storage;

[GenerateSerializer, Alias("monitor.tests.CounterState")]
public sealed class CounterState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public string? Note { get; set; }
    [Id(2)] public List<double> Values { get; set; } = [];
}

/// <summary>What a test grain reports about its state and its activation.</summary>
[GenerateSerializer, Alias("monitor.tests.CounterSnapshot")]
public sealed record CounterSnapshot(
    [property: Id(0)] int Count,
    [property: Id(1)] string? Note,
    [property: Id(2)] double[] Values,
    [property: Id(3)] bool RecordExists,
    [property: Id(4)] string? ETag,
    [property: Id(5)] Guid Activation);

[Alias("monitor.tests.IStorageTestGrain")]
public interface IStorageTestGrain : IGrainWithStringKey
{
    [Alias("Add")] Task<CounterSnapshot> Add(int amount, string? note, double value);
    [Alias("Get")] Task<CounterSnapshot> Get();
    [Alias("Clear")] Task Clear();

    /// <summary>Changes the state in memory only; it is written when the grain deactivates.</summary>
    [Alias("AddUnsaved")] Task AddUnsaved(int amount);
}

/// <summary>A grain whose state lives in the default grain storage; it writes through on every change.</summary>
public sealed class StorageTestGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, IStorageTestGrain
{
    private readonly Guid _activation = Guid.NewGuid();
    private bool _dirty;

    public async Task<CounterSnapshot> Add(int amount, string? note, double value)
    {
        state.State.Count += amount;
        state.State.Note = note;
        state.State.Values.Add(value);
        await state.WriteStateAsync();
        return Snapshot();
    }

    public Task<CounterSnapshot> Get() => Task.FromResult(Snapshot());

    public Task Clear() => state.ClearStateAsync();

    public Task AddUnsaved(int amount)
    {
        state.State.Count += amount;
        _dirty = true;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private CounterSnapshot Snapshot() =>
        new(state.State.Count, state.State.Note, [.. state.State.Values], state.RecordExists, state.Etag, _activation);
}

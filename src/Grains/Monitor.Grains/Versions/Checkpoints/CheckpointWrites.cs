namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// The page writes of one checkpoint, each to the spare row of its slot, started as they are added and awaited
/// by <see cref="CheckpointStore.CommitAsync"/>. A concern adds its changed pages and says how to mark them
/// changed again should the checkpoint not be committed, and what becomes true once it is.
/// </summary>
/// <remarks>
/// When a core write fails but had in fact landed, the concerns were told it was not committed: they write their
/// pages again with the next checkpoint, to the other row of each slot, which is safe either way.
/// </remarks>
public sealed class CheckpointWrites
{
    private readonly IWindowPageStore _store;
    private readonly PageTable _table;
    private readonly List<Task> _writes = [];
    private readonly HashSet<PageSlot> _slots = [];
    private readonly List<Action> _undo = [];
    private readonly List<Action> _committed = [];

    internal CheckpointWrites(IWindowPageStore store, PageTable table)
    {
        _store = store;
        _table = table;
    }

    /// <summary>The slots written: the core row flips them when it is written.</summary>
    public IReadOnlyCollection<PageSlot> Slots => _slots;

    public void Page<T>(string family, int slot, T page)
        where T : class
    {
        if (!_slots.Add(new PageSlot(family, slot)))
        {
            throw new InvalidOperationException($"page {family}.{slot} written twice in one checkpoint");
        }

        _writes.Add(Write(_table.Spare(family, slot), page));
    }

    /// <summary>What to do when the checkpoint is not committed (its pages are then written by the next one).</summary>
    public void OnNotCommitted(Action undo) => _undo.Add(undo);

    /// <summary>What to do once the checkpoint is committed.</summary>
    public void OnCommitted(Action committed) => _committed.Add(committed);

    internal Task Completion => Task.WhenAll(_writes);

    internal void Undo()
    {
        foreach (var undo in _undo)
        {
            undo();
        }
    }

    internal void Committed()
    {
        foreach (var committed in _committed)
        {
            committed();
        }
    }

    // A store that fails at once still gives a task, so every write is awaited.
    private async Task Write<T>(string row, T page)
        where T : class => await _store.WriteAsync(row, page);
}

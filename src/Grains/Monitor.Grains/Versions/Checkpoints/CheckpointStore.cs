namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// A version's stored checkpoint: the pages of all its concerns and the core row that commits them. A checkpoint
/// writes its changed pages to the spare rows of their slots (<see cref="PageTable"/>), then the core row naming
/// those rows current. Until that one write lands, storage holds the previous checkpoint whole; after it, the new
/// one whole. A restore reads the core and exactly the rows it names, so every page it sees was written by that
/// checkpoint or an earlier one and none by a later one: a crash anywhere in a checkpoint loses at most the
/// records of that checkpoint's interval and never makes one count twice.
/// </summary>
/// <remarks>
/// A core write that fails may still have landed (a storage timeout). The next checkpoint first reads the core
/// back: if it is this activation's attempt, its slots are current; if it is the core this activation knew, they
/// are not; if it is neither, another activation writes the version and this one stops writing
/// (<see cref="CheckpointFencedException"/>).
/// </remarks>
public sealed class CheckpointStore
{
    /// <summary>The core row's name (a window checkpoint stored before pages had two rows reads back unchanged).</summary>
    public const string CoreRow = "window";

    private readonly IWindowPageStore _store;
    private readonly long _writer = Random.Shared.NextInt64(1, long.MaxValue);

    // The core row in storage as far as this activation knows, and a core write whose outcome is unknown.
    private (long Writer, long Generation) _stored;
    private ((long Writer, long Generation) Stamp, PageSlot[] Slots)? _inDoubt;
    private bool _fenced;

    private CheckpointStore(IWindowPageStore store, CheckpointCore core)
    {
        _store = store;
        Core = core;
        _stored = (core.Writer, core.Generation);
    }

    /// <summary>The core as of the last commit, changed in place by the version between checkpoints.</summary>
    public CheckpointCore Core { get; }

    /// <summary>Reads the core row; an empty core when the version never committed a checkpoint.</summary>
    public static async Task<CheckpointStore> OpenAsync(IWindowPageStore store)
    {
        var core = await store.ReadAsync<CheckpointCore>(CoreRow) ?? new CheckpointCore();
        core.Senders ??= new(StringComparer.Ordinal);
        core.Pages ??= new();
        core.Parts ??= new(StringComparer.Ordinal);
        core.Upgrade();
        return new CheckpointStore(store, core);
    }

    /// <summary>The slot's page as of the committed checkpoint, or null when it has none.</summary>
    public Task<T?> ReadAsync<T>(string family, int slot)
        where T : class => _store.ReadAsync<T>(Core.Pages.Current(family, slot));

    /// <summary>Starts a checkpoint, settling first whether a previous core write that failed has landed.</summary>
    public async Task<CheckpointWrites> BeginAsync()
    {
        if (_fenced)
        {
            throw new CheckpointFencedException("another activation of this version writes its checkpoint");
        }

        if (_inDoubt is { } doubt)
        {
            var stored = await _store.ReadAsync<CheckpointCore>(CoreRow);
            var stamp = stored is null ? (0L, 0L) : (stored.Writer, stored.Generation);
            if (stamp == doubt.Stamp)
            {
                Core.Pages.Flip(doubt.Slots);
                (Core.Writer, Core.Generation) = stamp;
                _stored = stamp;
            }
            else if (stamp != _stored)
            {
                _fenced = true;
                throw new CheckpointFencedException(
                    $"the stored checkpoint is generation {stamp.Item2} of another activation; this one wrote up to {_stored.Generation}");
            }

            _inDoubt = null;
        }

        return new CheckpointWrites(_store, Core.Pages);
    }

    /// <summary>
    /// Waits for the checkpoint's pages, then writes the core naming them. When a page or the core cannot be
    /// written, the concerns mark their pages changed again and the exception is thrown.
    /// </summary>
    public async Task CommitAsync(CheckpointWrites writes)
    {
        try
        {
            await writes.Completion;
        }
        catch
        {
            writes.Undo();
            throw;
        }

        var slots = writes.Slots.ToArray();
        var previous = (Core.Writer, Core.Generation);
        var stamp = (_writer, _stored.Generation + 1);
        (Core.Writer, Core.Generation) = stamp;
        Core.Pages.Flip(slots);
        try
        {
            await _store.WriteAsync(CoreRow, Core);
            _stored = stamp;
        }
        catch
        {
            Core.Pages.Flip(slots);
            (Core.Writer, Core.Generation) = previous;
            _inDoubt = (stamp, slots);
            writes.Undo();
            throw;
        }

        writes.Committed();
    }
}

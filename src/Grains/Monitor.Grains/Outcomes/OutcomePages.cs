using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// A version's outcome ledger in its checkpoint: the ledger itself (vocabularies, totals, the revenue ring's
/// position) in the core row, the labels waiting for their prediction in one page ("outcomes.pending") and the
/// recent revenue amounts in pages of 512 ("outcomes.revenue"). They are committed with the buckets whose class
/// and event-type ids the vocabularies name, so a restore never finds a bucket counting a class its ledger lacks,
/// and the totals agree with the buckets. A checkpoint writes only the pages that changed.
/// </summary>
public static class OutcomePages
{
    public const string Pending = "outcomes.pending";
    public const string Revenue = "outcomes.revenue";

    /// <summary>The ledger of the committed checkpoint with its pages; a new ledger when none was stored.</summary>
    public static async Task<OutcomeLedger> LoadAsync(CheckpointStore store, OutcomeOptions options, long nowMs)
    {
        var core = store.Core.Section<OutcomesCore>(OutcomesPart.PartName);
        if (core.Ledger is not { } ledger)
        {
            return core.Ledger = new OutcomeLedger(options);
        }

        var pending = store.ReadAsync<PendingList<PendingLabel>>(Pending, 0);
        var revenue = Task.WhenAll(Enumerable.Range(0, ledger.Revenue.PagesHeld).Select(page => store.ReadAsync<TimedValuePage>(Revenue, page)));
        ledger.Restore(await pending ?? new PendingList<PendingLabel>(options.MaxPendingLabels), await revenue, nowMs);
        return ledger;
    }

    /// <summary>Adds the ledger's changed pages to a checkpoint; they are marked changed again if it is not committed.</summary>
    public static void Write(CheckpointWrites writes, OutcomeLedger ledger)
    {
        if (ledger.Pending.TakeChanged())
        {
            writes.Page(Pending, 0, ledger.Pending);
            writes.OnNotCommitted(ledger.Pending.MarkChanged);
        }

        var pages = ledger.Revenue.TakeChanged();
        if (pages.Length == 0)
        {
            return;
        }

        writes.OnNotCommitted(() => ledger.Revenue.MarkChanged(pages));
        foreach (var page in pages)
        {
            writes.Page(Revenue, page, ledger.Revenue.Page(page));
        }
    }
}

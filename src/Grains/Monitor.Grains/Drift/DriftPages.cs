using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Drift;

/// <summary>
/// The drift history and the batches of a capture under way, as page slots of the version's checkpoint beside the
/// window's: history pages in a ring of slots ("drift.history"), capture pages numbered from 0 ("drift.capture").
/// They are committed with the window by the core row, which also says how many pages of which capture it holds
/// (<see cref="CaptureMark"/>); so a restored capture holds exactly the records the restored window counted since
/// the capture began, and a retried ingest call can neither add its records to a capture twice nor skip it.
/// </summary>
public static class DriftPages
{
    public const string History = "drift.history";
    public const string Capture = "drift.capture";

    public static async Task<DriftHistoryLog> LoadHistoryAsync(CheckpointStore store, int capacity)
    {
        var slots = new DriftHistoryLog(capacity).PageSlots;
        var pages = await Task.WhenAll(Enumerable.Range(0, slots).Select(slot => store.ReadAsync<DriftHistoryPage>(History, slot)));
        return DriftHistoryLog.Restore(capacity, pages.OfType<DriftHistoryPage>());
    }

    /// <summary>
    /// The stored capture: the pages the checkpoint holds of it (none when the capture began after the checkpoint),
    /// or null when a page it names is missing or belongs to another capture.
    /// </summary>
    public static async Task<ReferenceCapture?> LoadCaptureAsync(CheckpointStore store, CaptureProgressState state)
    {
        var count = store.Core.Section<DriftCore>(DriftPart.PartName).Capture is { } mark && mark.CaptureId == state.CaptureId ? mark.Pages : 0;
        var pages = await Task.WhenAll(Enumerable.Range(0, count).Select(page => store.ReadAsync<CapturePage>(Capture, page)));
        if (pages.Any(p => p is null || p.CaptureId != state.CaptureId))
        {
            return null;
        }

        return ReferenceCapture.Restore(state, pages!);
    }

    /// <summary>
    /// Adds the history pages changed and the capture's batches taken since its last page to a checkpoint, and
    /// sets the capture's page count in the core. If it is not committed the history pages are marked changed again
    /// and the capture's batches stay to be written.
    /// </summary>
    public static void Write(CheckpointWrites writes, CheckpointCore core, DriftHistoryLog history, ReferenceCapture? capture)
    {
        var changed = history.TakeChanged();
        writes.OnNotCommitted(() => history.MarkChanged(changed.Select(c => c.Slot)));
        foreach (var (slot, page) in changed)
        {
            writes.Page(History, slot, page);
        }

        // The mark of an ended capture stays until another begins: the version's state, written after the core, may
        // still name the capture (a completed one is then completed again from its pages, rather than restarted).
        if (capture is null)
        {
            return;
        }

        var pages = capture.Pages;
        if (capture.Unwritten() is { Length: > 0 } batches)
        {
            writes.Page(Capture, pages++, new CapturePage { CaptureId = capture.State.CaptureId, Batches = batches });
            writes.OnCommitted(() => capture.PageCommitted(batches.Length));
        }

        core.Section<DriftCore>(DriftPart.PartName).Capture = new CaptureMark(capture.State.CaptureId, pages);
    }
}

using Monitor.Grains.Windows.Checkpoints;

namespace Monitor.Grains.Drift;

/// <summary>
/// The drift history and the batches of a capture under way, as rows of the version's checkpoint store beside
/// the window's pages: history pages in a ring of rows ("drift.history.N"), capture pages numbered from 0
/// ("drift.capture.N"). A checkpoint writes the changed history pages and the capture's new batches before
/// the version's state, which names how many capture pages are its own; so an interrupted checkpoint leaves at
/// most rows nothing refers to yet.
/// </summary>
public static class DriftPages
{
    public static string History(int slot) => $"drift.history.{slot}";

    public static string Capture(int page) => $"drift.capture.{page}";

    public static async Task<DriftHistoryLog> LoadHistoryAsync(IWindowPageStore store, int capacity)
    {
        var slots = new DriftHistoryLog(capacity).PageSlots;
        var pages = await Task.WhenAll(Enumerable.Range(0, slots).Select(slot => store.ReadAsync<DriftHistoryPage>(History(slot))));
        return DriftHistoryLog.Restore(capacity, pages.OfType<DriftHistoryPage>());
    }

    /// <summary>The stored capture, or null when a page it names is missing or belongs to another capture.</summary>
    public static async Task<ReferenceCapture?> LoadCaptureAsync(IWindowPageStore store, CaptureProgressState state)
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, state.Pages).Select(page => store.ReadAsync<CapturePage>(Capture(page))));
        if (pages.Any(p => p is null || p.CaptureId != state.CaptureId))
        {
            return null;
        }

        return ReferenceCapture.Restore(state, pages!);
    }

    /// <summary>Writes the history pages changed and the capture's new batches; on failure they stay to be written.</summary>
    public static async Task SaveAsync(IWindowPageStore store, DriftHistoryLog history, ReferenceCapture? capture)
    {
        var changed = history.TakeChanged();
        try
        {
            await Task.WhenAll(changed.Select(c => store.WriteAsync(History(c.Slot), c.Page)));
        }
        catch
        {
            history.MarkChanged(changed.Select(c => c.Slot));
            throw;
        }

        if (capture?.Unwritten() is { Length: > 0 } batches)
        {
            await store.WriteAsync(Capture(capture.State.Pages), new CapturePage { CaptureId = capture.State.CaptureId, Batches = batches });
            capture.PageWritten();
        }
    }
}

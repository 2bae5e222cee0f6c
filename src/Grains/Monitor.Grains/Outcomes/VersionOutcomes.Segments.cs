namespace Monitor.Grains.Outcomes;

/// <summary>Labels scored in the version's segments too, so a segment has realized performance of its own.</summary>
public sealed partial class VersionOutcomes
{
    private readonly List<OutcomeBucket> _segmentOutcomes = [];

    /// <summary>The version's segments (set by the segments part); null until then.</summary>
    public IPredictionSegments? Segments { get; set; }

    /// <summary>The segment cells of the batch's records, or null when there are no segments (the caller returns the array).</summary>
    private uint[]? SegmentCells(Ingest.PredictionBatch batch)
    {
        if (Segments is not { } segments)
        {
            return null;
        }

        var cells = System.Buffers.ArrayPool<uint>.Shared.Rent(batch.Count);
        if (segments.CellsOf(batch, cells.AsSpan(0, batch.Count)))
        {
            return cells;
        }

        System.Buffers.ArrayPool<uint>.Shared.Return(cells);
        return null;
    }

    /// <summary>Scores a joined label again in each of its prediction's segments, by the label's time.</summary>
    private void ScoreSegments(int slot, LabelKind kind, string? text, double number, long labelTimeMs)
    {
        if (Segments is not { } segments)
        {
            return;
        }

        _segmentOutcomes.Clear();
        segments.OutcomesOf(Index.SegmentsOf(slot), Index.TimeOf(slot), labelTimeMs, _segmentOutcomes);
        foreach (var outcomes in _segmentOutcomes)
        {
            TryScore(slot, kind, text, number, outcomes);
        }
    }
}

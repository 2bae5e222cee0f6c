using Monitor.Grains.Ingest;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// The version's segments as the join sees them: each indexed prediction carries its segment cells (a byte per
/// segment key, not the values), and a label joined to it also counts in the buckets of those segments.
/// </summary>
public interface IPredictionSegments
{
    /// <summary>Fills the segment cells of each of the batch's records; false when the version declares no segments.</summary>
    bool CellsOf(PredictionBatch batch, Span<uint> cells);

    /// <summary>Adds to <paramref name="buckets"/> the segment outcome buckets a label of <paramref name="labelTimeMs"/> counts in, one per key.</summary>
    void OutcomesOf(uint cells, long predictedAtMs, long labelTimeMs, List<OutcomeBucket> buckets);
}

using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Segments;

/// <summary>
/// The version's segments for its join index: a prediction's cells are one byte per key (the first
/// <see cref="MaxKeys"/> keys, in the order declared), and a label joined to it counts in the bucket of each of its
/// segments by the label's time.
/// </summary>
public sealed class SegmentJoins(Func<IReadOnlyList<SegmentKeyBook>> books, Func<long> oldestMs) : IPredictionSegments
{
    /// <summary>Keys a prediction's cells cover: four bytes of the index's per-prediction word.</summary>
    public const int MaxKeys = sizeof(uint);

    public bool CellsOf(PredictionBatch batch, Span<uint> cells)
    {
        var keys = books();
        if (keys.Count == 0)
        {
            return false;
        }

        cells.Clear();
        for (var k = 0; k < Math.Min(MaxKeys, keys.Count); k++)
        {
            var book = keys[k];
            if (SegmentValues.Column(batch, book.Key) is not { } column)
            {
                continue;
            }

            var values = SegmentValues.All(column, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch.Ids[i] is not null)
                {
                    cells[i] |= (uint)book.CellOf(values[i], batch.TimestampsMs[i]) << (8 * k);
                }
            }
        }

        return true;
    }

    public void OutcomesOf(uint cells, long predictedAtMs, long labelTimeMs, List<OutcomeBucket> buckets)
    {
        var keys = books();
        var oldest = oldestMs();
        for (var k = 0; k < Math.Min(MaxKeys, keys.Count); k++)
        {
            var book = keys[k];
            var value = book.Cells.ValueOf((byte)(cells >> (8 * k)), predictedAtMs);
            if (book.OutcomesFor(value, labelTimeMs, oldest) is { } outcomes)
            {
                buckets.Add(outcomes);
            }
        }
    }
}

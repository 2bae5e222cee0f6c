using Monitor.Grains.Ingest;

namespace Monitor.Grains.Windows;

/// <summary>
/// The batches holding a version's most recent records, newest last, kept by reference (batches are
/// immutable) until at least <see cref="Capacity"/> newer records exist. This is both the
/// count-based feature window for drift and the source of the recent-records view.
/// </summary>
[GenerateSerializer, Alias("monitor.RecentBatches")]
public sealed class RecentBatches(int capacity)
{
    [Id(0)] private readonly Queue<PredictionBatch> _batches = new();
    [Id(1)] private int _records;
    [Id(2)] private readonly int _capacity = Math.Max(1, capacity);

    public int Capacity => _capacity;

    /// <summary>Records held, which may exceed the capacity by less than the oldest batch's size.</summary>
    public int Records => _records;

    public IReadOnlyCollection<PredictionBatch> Batches => _batches;

    public void Add(PredictionBatch batch)
    {
        _batches.Enqueue(batch);
        _records += batch.Count;
        while (_batches.Count > 1 && _records - _batches.Peek().Count >= _capacity)
        {
            _records -= _batches.Dequeue().Count;
        }
    }

    /// <summary>
    /// Visits the newest <paramref name="limit"/> records oldest first as (batch, index) pairs.
    /// </summary>
    public void VisitNewest(int limit, Action<PredictionBatch, int> visit)
    {
        var skip = Math.Max(0, _records - limit);
        foreach (var batch in _batches)
        {
            if (skip >= batch.Count)
            {
                skip -= batch.Count;
                continue;
            }

            for (var i = skip; i < batch.Count; i++)
            {
                visit(batch, i);
            }

            skip = 0;
        }
    }
}

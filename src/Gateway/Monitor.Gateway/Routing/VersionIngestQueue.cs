using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Routing;

/// <summary>
/// The records of concurrent requests for one version, sent to its grain together: while one call is
/// in flight the next requests' batches gather, and the following call carries them all. Under load a
/// version gets far fewer grain calls than requests, with no timer and no added wait when idle. Each
/// request still completes only once its own records are in the grain.
/// </summary>
public sealed class VersionIngestQueue(IModelVersionGrain grain)
{
    // Bounds one call's payload; the rest waits for the next call.
    private const int MaxRecordsPerCall = 50_000;

    private readonly object _gate = new();
    private List<Pending> _pending = [];
    private List<Pending> _spare = [];
    private bool _sending;

    public Task Enqueue(PredictionBatch batch)
    {
        var pending = new Pending(batch);
        lock (_gate)
        {
            _pending.Add(pending);
            if (_sending)
            {
                return pending.Completion.Task;
            }

            _sending = true;
        }

        _ = DrainAsync();
        return pending.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<Pending> taking;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _sending = false;
                    return;
                }

                taking = _pending;
                _pending = _spare;
                _spare = taking;
            }

            // Pieces are sent in order, capped per call.
            var start = 0;
            while (start < taking.Count)
            {
                var end = start;
                var records = 0;
                while (end < taking.Count && (end == start || records + taking[end].Batch.Count <= MaxRecordsPerCall))
                {
                    records += taking[end++].Batch.Count;
                }

                await SendAsync(taking, start, end);
                start = end;
            }

            taking.Clear();
        }
    }

    private async Task SendAsync(List<Pending> taking, int start, int end)
    {
        var batches = new PredictionBatch[end - start];
        for (var i = start; i < end; i++)
        {
            batches[i - start] = taking[i].Batch;
        }

        try
        {
            await grain.Ingest(batches);
            for (var i = start; i < end; i++)
            {
                taking[i].Completion.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            for (var i = start; i < end; i++)
            {
                taking[i].Completion.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(PredictionBatch batch)
    {
        public PredictionBatch Batch { get; } = batch;

        // Continuations run off the sender's loop so one slow request cannot hold up the next call.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

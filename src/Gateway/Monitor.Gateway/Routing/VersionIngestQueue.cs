using Monitor.Gateway.Durability;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Routing;

/// <summary>
/// The records of concurrent requests for one version, sent to its grain together: while one call is
/// in flight the next requests' batches gather, and the following call carries them all. Under load a
/// version gets far fewer grain calls than requests, with no timer and no added wait when idle. Each
/// request still completes only once its own records are in the grain.
/// </summary>
/// <remarks>
/// Each call carries an <see cref="IngestToken"/> (this gateway, the call's number), so when a silo dies
/// mid-call the queue can send the same call again, to the version's new activation, without the
/// records being counted twice. Requests wait meanwhile (held within <see cref="IngestBuffer"/>'s
/// bound) and fail only when their retry deadline passes. A call the version applied is written to the
/// gateway's ingest log, with its token, before its requests complete: the next call is sent meanwhile.
/// </remarks>
public sealed class VersionIngestQueue(IModelVersionGrain grain, string sender, ClusterRetry retry, IIngestLog? log = null, string versionKey = "", IngestChain? chain = null)
{
    // Bounds one call's payload; the rest waits for the next call.
    private const int MaxRecordsPerCall = 50_000;

    private readonly object _gate = new();
    private List<Pending> _pending = [];
    private List<Pending> _spare = [];
    private bool _sending;
    private long _sequence;

    public Task Enqueue(PredictionBatch batch)
    {
        var pending = new Pending(batch, retry.Time.GetUtcNow() + retry.Timeout);
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
        var deadline = DateTimeOffset.MaxValue;
        for (var i = start; i < end; i++)
        {
            batches[i - start] = taking[i].Batch;
            deadline = taking[i].Deadline < deadline ? taking[i].Deadline : deadline;
        }

        var token = new IngestToken(sender, ++_sequence);
        try
        {
            await retry.Run(async () =>
            {
                // Through the chain when there is one: it gives back calls a version lost with its silo.
                await (chain is null ? grain.Ingest(batches, token) : chain.SendAsync(batches, token));
                return true;
            }, deadline, "ingest");
            if (log is not null)
            {
                // Appended in call order; the requests complete once it is written.
                CompleteWhenLogged(log.Append(versionKey, token, batches), taking.GetRange(start, end - start));
                return;
            }

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

    private static async void CompleteWhenLogged(Task logged, List<Pending> requests)
    {
        try
        {
            await logged;
            foreach (var request in requests)
            {
                request.Completion.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            foreach (var request in requests)
            {
                request.Completion.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(PredictionBatch batch, DateTimeOffset deadline)
    {
        public PredictionBatch Batch { get; } = batch;

        public DateTimeOffset Deadline { get; } = deadline;

        // Continuations run off the sender's loop so one slow request cannot hold up the next call.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

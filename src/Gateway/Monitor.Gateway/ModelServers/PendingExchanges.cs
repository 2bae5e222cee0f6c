namespace Monitor.Gateway.ModelServers;

/// <summary>What offering one event to the join table did.</summary>
public enum ExchangeStepKind : byte
{
    /// <summary>Held until its other half arrives or the timeout passes.</summary>
    Waiting = 0,

    /// <summary>Its other half was waiting: the pair is complete.</summary>
    Joined = 1,

    /// <summary>The same half (same id) was already seen: counted and ignored.</summary>
    Duplicate = 2,
}

public sealed record ExchangeStep(ExchangeStepKind Kind, ServedRequest? Request = null, ServedResponse? Response = null);

/// <summary>An entry that left the table without its other half: a request whose response never came, or an orphan response.</summary>
public sealed record ExpiredExchange(ServedRequest? Request, ServedResponse? Response, bool Evicted, double WaitedMs);

/// <summary>
/// Requests and responses that share an id (a KServe ce-id, a Seldon request id) waiting for each other,
/// either arriving first. Bounded: past <c>capacity</c> entries the oldest leaves early (as if timed out).
/// A completed pair's id is remembered until its timeout would have passed, so a resent half is a
/// duplicate rather than a new orphan. Time is the <see cref="TimeProvider"/>'s, so tests drive it.
/// </summary>
public sealed class PendingExchanges(TimeProvider time, TimeSpan timeout, int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _order = new();
    private int _waiting;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Halves waiting for their other half.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public ExchangeStep Offer(ServedRequest request, List<ExpiredExchange> expired) => Offer(request.Key, request, null, expired);

    public ExchangeStep Offer(ServedResponse response, List<ExpiredExchange> expired) => Offer(response.Key, null, response, expired);

    /// <summary>Removes the entries whose timeout has passed (and remembered ids past theirs) into <paramref name="expired"/>.</summary>
    public void Sweep(List<ExpiredExchange> expired)
    {
        lock (_gate)
        {
            SweepLocked(time.GetUtcNow().ToUnixTimeMilliseconds(), expired);
        }
    }

    /// <summary>Puts back a joined request whose records could not be applied, so a resent response joins it again.</summary>
    public void Restore(ServedRequest request)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (_entries.TryGetValue(request.Key, out var done) && done.Done)
            {
                // Its place in the queue stays; a fresh entry under the same key is queued anew.
                _entries.Remove(request.Key);
                done.Forgotten = true;
            }

            if (!_entries.ContainsKey(request.Key))
            {
                var entry = new Entry(request.Key, now) { Request = request };
                _entries.Add(request.Key, entry);
                _order.Enqueue(entry);
                _waiting++;
            }
        }
    }

    private ExchangeStep Offer(string key, ServedRequest? request, ServedResponse? response, List<ExpiredExchange> expired)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            SweepLocked(now, expired);
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.Done || (request is not null && entry.Request is not null) || (response is not null && entry.Response is not null))
                {
                    return new ExchangeStep(ExchangeStepKind.Duplicate);
                }

                var step = new ExchangeStep(ExchangeStepKind.Joined, request ?? entry.Request, response ?? entry.Response);
                entry.Done = true;
                entry.Request = null;
                entry.Response = null;
                _waiting--;
                return step;
            }

            entry = new Entry(key, now) { Request = request, Response = response };
            _entries.Add(key, entry);
            _order.Enqueue(entry);
            _waiting++;
            while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            {
                Remove(oldest, now, evicted: true, expired);
            }

            return new ExchangeStep(ExchangeStepKind.Waiting);
        }
    }

    private void SweepLocked(long now, List<ExpiredExchange> expired)
    {
        var limit = (long)Timeout.TotalMilliseconds;
        while (_order.TryPeek(out var oldest) && now - oldest.ArrivedMs >= limit)
        {
            _order.Dequeue();
            Remove(oldest, now, evicted: false, expired);
        }
    }

    private void Remove(Entry entry, long now, bool evicted, List<ExpiredExchange> expired)
    {
        if (entry.Forgotten)
        {
            return;
        }

        _entries.Remove(entry.Key);
        if (!entry.Done)
        {
            _waiting--;
            expired.Add(new ExpiredExchange(entry.Request, entry.Response, evicted, now - entry.ArrivedMs));
        }
    }

    private sealed class Entry(string key, long arrivedMs)
    {
        public string Key { get; } = key;

        public long ArrivedMs { get; } = arrivedMs;

        public ServedRequest? Request { get; set; }

        public ServedResponse? Response { get; set; }

        public bool Done { get; set; }

        /// <summary>Replaced by a newer entry of the same key; leaves the queue without touching the map.</summary>
        public bool Forgotten { get; set; }
    }
}

namespace Monitor.Grains.Outcomes;

/// <summary>Labels that wait for their prediction: joined on the timer's retry, or before newer labels for the same ids.</summary>
public sealed partial class VersionOutcomes
{
    /// <summary>Joins waiting labels whose prediction has arrived; those past the pending timeout count as unknown ids.</summary>
    public LabelJoinCounts RetryPending(long nowMs)
    {
        var items = Ledger.Pending.Items;
        if (items.Count == 0)
        {
            return LabelJoinCounts.Empty;
        }

        long joined = 0, duplicate = 0, unknown = 0, unscorable = 0;
        var resolved = new bool[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var label = items[i];
            if (Index.TryFind(label.Key, out var slot))
            {
                switch (Score(slot, label.Kind, label.Text, label.Number, label.TimeMs, nowMs))
                {
                    case JoinMatch.Joined: joined++; break;
                    case JoinMatch.Duplicate: duplicate++; break;
                    default: unscorable++; break;
                }

                resolved[i] = true;
            }
            else if (label.ExpiresMs <= nowMs)
            {
                CountUnknown(label.TimeMs, nowMs);
                unknown++;
                resolved[i] = true;
            }
        }

        Ledger.Pending.RemoveMarked(resolved);
        return new LabelJoinCounts { Joined = joined, Duplicate = duplicate, UnknownId = unknown, Unscorable = unscorable };
    }

    /// <summary>
    /// The first label stands, whatever the timing: a label still waiting for a prediction that has arrived since is
    /// scored before a later label for the same id, which then counts as the duplicate. Only waiting labels that share
    /// an id with the new ones are looked at; the rest wait for the timer's retry.
    /// </summary>
    private void ResolveWaitingFor(ReadOnlySpan<ulong> keys, long nowMs)
    {
        var items = Ledger.Pending.Items;
        if (items.Count == 0)
        {
            return;
        }

        var incoming = new HashSet<ulong>(keys.Length);
        foreach (var key in keys)
        {
            incoming.Add(key);
        }

        bool[]? resolved = null;
        for (var i = 0; i < items.Count; i++)
        {
            var label = items[i];
            if (incoming.Contains(label.Key) && Index.TryFind(label.Key, out var slot))
            {
                Score(slot, label.Kind, label.Text, label.Number, label.TimeMs, nowMs);
                (resolved ??= new bool[items.Count])[i] = true;
            }
        }

        if (resolved is not null)
        {
            Ledger.Pending.RemoveMarked(resolved);
        }
    }
}

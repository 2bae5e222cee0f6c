using Microsoft.Extensions.Logging;
using Monitor.Grains.Exposition;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Models;

/// <summary>
/// Labels and events that name only the model: every version is asked to join what it holds (a
/// shadow version holding the same id joins too); what none holds yet waits here, bounded, and is
/// asked again on a timer until the pending timeout. The champion, and A/B comparisons of versions
/// from the samples the version grains supply.
/// </summary>
public sealed partial class ModelGrain
{
    private bool _pendingDirty;

    public async Task<LabelJoinCounts> JoinLabels(LabelBatch labels)
    {
        await ResolveWaitingFor(labels);
        var matches = await MatchEverywhere(labels.Count, v => v.MatchLabels(labels));
        long joined = 0, duplicate = 0, unscorable = 0, late = 0, pending = 0, unknown = 0;
        var now = NowMs;
        var timeout = (long)outcomeOptions.Value.PendingTimeout.TotalMilliseconds;
        for (var i = 0; i < labels.Count; i++)
        {
            switch (matches[i])
            {
                case JoinMatch.Joined: joined++; break;
                case JoinMatch.Duplicate: duplicate++; break;
                case JoinMatch.Unscorable: unscorable++; break;
                case JoinMatch.Late:
                    late++;
                    CountUnattributedLabel("late");
                    break;
                default:
                    if (PendingLabels.TryAdd(new PendingLabel(labels.IdHashes[i], labels.TimestampsMs[i], now + timeout, labels.Kinds[i], labels.TextAt(i), labels.Numbers[i])))
                    {
                        pending++;
                        _pendingDirty = true;
                    }
                    else
                    {
                        unknown++;
                        CountUnattributedLabel("unknown_id");
                    }

                    break;
            }
        }

        return new LabelJoinCounts { Joined = joined, Duplicate = duplicate, Unscorable = unscorable, Late = late, Pending = pending, UnknownId = unknown };
    }

    public async Task<EventJoinCounts> RecordEvents(EventBatch events)
    {
        var matches = await MatchEverywhere(events.Count, v => v.MatchEvents(events));
        long matched = 0, duplicate = 0, late = 0, pending = 0, unknown = 0;
        var now = NowMs;
        var timeout = (long)outcomeOptions.Value.PendingTimeout.TotalMilliseconds;
        for (var i = 0; i < events.Count; i++)
        {
            switch (matches[i])
            {
                case JoinMatch.Joined: matched++; break;
                case JoinMatch.Duplicate: duplicate++; break;
                case JoinMatch.Late:
                    late++;
                    CountUnattributedEvent("late");
                    break;
                default:
                    if (PendingEvents.TryAdd(new PendingEvent(events.IdHashes[i], events.TimestampsMs[i], now + timeout, events.Types[i], events.Values[i])))
                    {
                        pending++;
                        _pendingDirty = true;
                    }
                    else
                    {
                        unknown++;
                        CountUnattributedEvent("unknown_id");
                    }

                    break;
            }
        }

        return new EventJoinCounts { Matched = matched, Duplicate = duplicate, Late = late, Pending = pending, UnknownId = unknown };
    }

    public async Task<bool> SetChampion(string version)
    {
        if (!state.State.Versions.Contains(version))
        {
            return false;
        }

        if (state.State.Champion != version)
        {
            state.State.Champion = version;
            await state.WriteStateAsync();
        }

        return true;
    }

    public Task<string?> GetChampion() => Task.FromResult(state.State.Champion);

    public async Task<ModelComparison> Compare(string a, string b, int minutes)
    {
        var samples = await Task.WhenAll(Version(a).GetSample(minutes), Version(b).GetSample(minutes));
        return new ModelComparison
        {
            Model = this.GetPrimaryKeyString(),
            Minutes = minutes,
            Champion = state.State.Champion,
            Comparisons = [VersionComparer.Compare(samples[0], samples[1])],
        };
    }

    public async Task<ModelComparison?> CompareWithChampion(int minutes)
    {
        if (state.State.Champion is not { } champion)
        {
            return null;
        }

        var challengers = state.State.Versions.Where(v => v != champion).ToArray();
        var samples = await Task.WhenAll(challengers.Prepend(champion).Select(v => Version(v).GetSample(minutes)));
        return new ModelComparison
        {
            Model = this.GetPrimaryKeyString(),
            Minutes = minutes,
            Champion = champion,
            Comparisons = [.. samples.Skip(1).Select(challenger => VersionComparer.Compare(samples[0], challenger))],
        };
    }

    private PendingList<PendingLabel> PendingLabels => state.State.PendingLabels ??= new PendingList<PendingLabel>(outcomeOptions.Value.MaxPendingLabels);

    private PendingList<PendingEvent> PendingEvents => state.State.PendingEvents ??= new PendingList<PendingEvent>(outcomeOptions.Value.MaxPendingLabels);

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void ActivateOutcomes()
    {
        // Exported at 0, so the first unattributed labels and events show in rate().
        var model = this.GetPrimaryKeyString();
        foreach (var outcome in (string[])["late", "unknown_id"])
        {
            OutcomeExposition.UnattributedLabels.WithLabels(model, outcome);
            OutcomeExposition.UnattributedEvents.WithLabels(model, outcome);
        }

        var interval = outcomeOptions.Value.RefreshInterval;
        this.RegisterGrainTimer(RetryPending, new GrainTimerCreationOptions(interval, interval) { Interleave = false });
    }

    private IModelVersionGrain Version(string version) =>
        GrainFactory.GetGrain<IModelVersionGrain>(VersionKey.Of(this.GetPrimaryKeyString(), version));

    /// <summary>Asks every version at once; per item, the most decisive answer wins (joined, unscorable, duplicate, late, not found).</summary>
    private async Task<JoinMatch[]> MatchEverywhere(int count, Func<IModelVersionGrain, Task<JoinMatch[]>> ask)
    {
        var answers = await Task.WhenAll(state.State.Versions.Select(v => ask(Version(v))));
        var matches = new JoinMatch[count];
        foreach (var answer in answers)
        {
            for (var i = 0; i < count; i++)
            {
                if (Rank(answer[i]) > Rank(matches[i]))
                {
                    matches[i] = answer[i];
                }
            }
        }

        return matches;

        static int Rank(JoinMatch match) => match switch
        {
            JoinMatch.Joined => 4,
            JoinMatch.Unscorable => 3,
            JoinMatch.Duplicate => 2,
            JoinMatch.Late => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// The first label stands, whatever the timing: waiting labels that share an id with new ones are asked for first,
    /// so one whose prediction has arrived since is scored and the later label counts as the duplicate.
    /// </summary>
    private async Task ResolveWaitingFor(LabelBatch labels)
    {
        if (state.State.PendingLabels is not { Count: > 0 } waiting)
        {
            return;
        }

        var incoming = new HashSet<ulong>(labels.IdHashes.Take(labels.Count));
        var positions = new List<int>();
        for (var i = 0; i < waiting.Items.Count; i++)
        {
            if (incoming.Contains(waiting.Items[i].Key))
            {
                positions.Add(i);
            }
        }

        if (positions.Count == 0)
        {
            return;
        }

        var batch = LabelsOf([.. positions.Select(i => waiting.Items[i])]);
        var matches = await MatchEverywhere(batch.Count, v => v.MatchLabels(batch));
        var resolved = new bool[waiting.Items.Count];
        for (var k = 0; k < positions.Count; k++)
        {
            if (matches[k] == JoinMatch.NotFound)
            {
                continue;
            }

            resolved[positions[k]] = true;
            if (matches[k] == JoinMatch.Late)
            {
                CountUnattributedLabel("late");
            }
        }

        waiting.RemoveMarked(resolved);
        _pendingDirty = true;
    }

    /// <summary>Asks the versions again for what waits here; what is still not held past the timeout counts as an unknown id.</summary>
    private async Task RetryPending(CancellationToken cancellationToken)
    {
        var now = NowMs;
        if (state.State.PendingLabels is { Count: > 0 } labels)
        {
            var batch = LabelsOf(labels.Items);
            var matches = await MatchEverywhere(batch.Count, v => v.MatchLabels(batch));
            var resolved = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                resolved[i] = matches[i] != JoinMatch.NotFound || labels.Items[i].ExpiresMs <= now;
                if (matches[i] == JoinMatch.Late || (matches[i] == JoinMatch.NotFound && resolved[i]))
                {
                    CountUnattributedLabel(matches[i] == JoinMatch.Late ? "late" : "unknown_id");
                }
            }

            labels.RemoveMarked(resolved);
            _pendingDirty = true;
        }

        if (state.State.PendingEvents is { Count: > 0 } events)
        {
            var batch = EventsOf(events.Items);
            var matches = await MatchEverywhere(batch.Count, v => v.MatchEvents(batch));
            var resolved = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                resolved[i] = matches[i] != JoinMatch.NotFound || events.Items[i].ExpiresMs <= now;
                if (matches[i] == JoinMatch.Late || (matches[i] == JoinMatch.NotFound && resolved[i]))
                {
                    CountUnattributedEvent(matches[i] == JoinMatch.Late ? "late" : "unknown_id");
                }
            }

            events.RemoveMarked(resolved);
            _pendingDirty = true;
        }

        await CheckpointPending(cancellationToken);
    }

    private async Task CheckpointPending(CancellationToken cancellationToken)
    {
        if (!_pendingDirty)
        {
            return;
        }

        _pendingDirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _pendingDirty = true;
            LogPendingCheckpointFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    private LabelBatch LabelsOf(IReadOnlyList<PendingLabel> pending) => new()
    {
        Model = this.GetPrimaryKeyString(),
        Count = pending.Count,
        IdHashes = [.. pending.Select(p => p.Key)],
        TimestampsMs = [.. pending.Select(p => p.TimeMs)],
        Kinds = [.. pending.Select(p => p.Kind)],
        Texts = [.. pending.Select(p => p.Text)],
        Numbers = [.. pending.Select(p => p.Number)],
    };

    private EventBatch EventsOf(IReadOnlyList<PendingEvent> pending) => new()
    {
        Model = this.GetPrimaryKeyString(),
        Count = pending.Count,
        IdHashes = [.. pending.Select(p => p.Key)],
        TimestampsMs = [.. pending.Select(p => p.TimeMs)],
        Types = [.. pending.Select(p => p.Type)],
        Values = [.. pending.Select(p => p.Value)],
    };

    private void CountUnattributedLabel(string outcome) =>
        OutcomeExposition.UnattributedLabels.WithLabels(this.GetPrimaryKeyString(), outcome).Inc();

    private void CountUnattributedEvent(string outcome) =>
        OutcomeExposition.UnattributedEvents.WithLabels(this.GetPrimaryKeyString(), outcome).Inc();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the pending labels and events of model {Model} failed; it will be retried")]
    private static partial void LogPendingCheckpointFailed(ILogger logger, Exception exception, string model);
}

namespace Monitor.Grains.Outcomes;

/// <summary>
/// What a version keeps of its outcomes besides its buckets and its join index: the class and event-type
/// vocabularies the buckets and the join index refer to, the labels waiting for their prediction, totals since
/// the version started, and the most recent revenue amounts.
/// </summary>
/// <remarks>
/// Part of the version's checkpoint, committed with the buckets that count by its vocabularies: the ledger is in
/// the outcomes part's section of the core row (<see cref="OutcomesCore"/>), the waiting labels and the revenue amounts in pages of their own (<see cref="OutcomePages"/>).
/// </remarks>
[GenerateSerializer, Alias("monitor.OutcomeLedger")]
public sealed class OutcomeLedger
{
    public OutcomeLedger(OutcomeOptions options)
    {
        Classes = new ClassVocabulary(options.MaxClasses);
        EventTypes = new ClassVocabulary(
            Math.Min(options.MaxCustomEventTypes, OutcomeOptions.MaxFlaggedEventTypes - 3), EventBatch.Click, EventBatch.Conversion, EventBatch.Revenue);
        Pending = new PendingList<PendingLabel>(options.MaxPendingLabels);
        Revenue = new TimedValueRing(options.RecentRevenueSamples);
    }

    [Id(0)] public ClassVocabulary Classes { get; private set; }
    [Id(1)] public ClassVocabulary EventTypes { get; private set; }
    /// <summary>A page of the checkpoint, not part of the core.</summary>
    [field: NonSerialized] public PendingList<PendingLabel> Pending { get; private set; }
    [Id(3)] public JoinTotals Labels { get; private set; } = new();
    [Id(4)] public TimedValueRing Revenue { get; private set; }

    /// <summary>Events counted since the version started, by event type id.</summary>
    [Id(5)] public long[] EventsByType { get; private set; } = [];

    /// <summary>Duplicate events left out since the version started, by event type id.</summary>
    [Id(6)] public long[] DuplicatesByType { get; private set; } = [];

    /// <summary>Puts the stored waiting labels and revenue amounts back into a ledger read from a checkpoint's core.</summary>
    public void Restore(PendingList<PendingLabel> pending, IReadOnlyList<TimedValuePage?> revenuePages, long nowMs)
    {
        Pending = pending;
        Revenue.Restore(revenuePages, nowMs);
    }

    public bool HasOutcomes => Labels.Total > 0 || Pending.Count > 0 || EventsByType.Length > 0;

    public void CountEvent(int type, bool duplicate)
    {
        if (type >= EventsByType.Length)
        {
            var events = EventsByType;
            var duplicates = DuplicatesByType;
            Array.Resize(ref events, type + 1);
            Array.Resize(ref duplicates, type + 1);
            EventsByType = events;
            DuplicatesByType = duplicates;
        }

        if (duplicate)
        {
            DuplicatesByType[type]++;
        }
        else
        {
            EventsByType[type]++;
        }
    }
}

/// <summary>Labels by how they joined, since the version started.</summary>
[GenerateSerializer, Alias("monitor.JoinTotals")]
public sealed class JoinTotals
{
    [Id(0)] public long Joined { get; set; }
    [Id(1)] public long Duplicate { get; set; }
    [Id(2)] public long Late { get; set; }
    [Id(3)] public long UnknownId { get; set; }
    [Id(4)] public long Unscorable { get; set; }

    public long Total => Joined + Duplicate + Late + UnknownId + Unscorable;

    public LabelJoinCounts ToCounts(long pending) => new()
    {
        Joined = Joined,
        Duplicate = Duplicate,
        Late = Late,
        UnknownId = UnknownId,
        Unscorable = Unscorable,
        Pending = pending,
    };
}

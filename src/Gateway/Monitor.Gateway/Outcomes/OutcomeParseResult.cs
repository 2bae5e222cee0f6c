using Monitor.Gateway.Ingest;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// What a labels or events body yielded: one batch per target (in first-seen order) and the refused
/// records with reasons. When <see cref="Failure"/> is set the request was refused as a whole.
/// </summary>
public sealed class OutcomeParseResult<TBatch>
{
    private readonly int[] _rejectedByReason;

    internal OutcomeParseResult(IReadOnlyList<OutcomeGroup<TBatch>> groups, int accepted, int rejected, IReadOnlyList<RecordError> errors, int[] rejectedByReason, IngestFailure? failure)
    {
        Groups = groups;
        Accepted = accepted;
        Rejected = rejected;
        Errors = errors;
        _rejectedByReason = rejectedByReason;
        Failure = failure;
    }

    public IReadOnlyList<OutcomeGroup<TBatch>> Groups { get; }

    public int Accepted { get; }

    /// <summary>Exact count of refused records, even beyond the listed <see cref="Errors"/>.</summary>
    public int Rejected { get; }

    public IReadOnlyList<RecordError> Errors { get; }

    public IngestFailure? Failure { get; }

    public int RejectedFor(RejectionReason reason) => _rejectedByReason[(int)reason];
}

using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// What a request body yielded: one columnar batch per model version (in first-seen order) holding
/// the accepted records, and the refused ones with reasons. When <see cref="Failure"/> is set the
/// request was refused as a whole and nothing was accepted.
/// </summary>
public sealed class IngestResult
{
    private readonly int[] _rejectedByReason;

    internal IngestResult(
        IReadOnlyList<PredictionBatch> batches,
        IReadOnlyList<int[]> requestIndices,
        int accepted,
        int rejected,
        IReadOnlyList<RecordError> errors,
        int[] rejectedByReason,
        IngestFailure? failure)
    {
        Batches = batches;
        RequestIndices = requestIndices;
        Accepted = accepted;
        Rejected = rejected;
        Errors = errors;
        _rejectedByReason = rejectedByReason;
        Failure = failure;
    }

    public IReadOnlyList<PredictionBatch> Batches { get; }

    /// <summary>For each batch, the request index of each of its rows.</summary>
    public IReadOnlyList<int[]> RequestIndices { get; }

    public int Accepted { get; }

    /// <summary>Exact count of refused records, even beyond the listed <see cref="Errors"/>.</summary>
    public int Rejected { get; }

    /// <summary>The first <see cref="IngestLimits.MaxReportedErrors"/> refused records, in index order.</summary>
    public IReadOnlyList<RecordError> Errors { get; }

    public IngestFailure? Failure { get; }

    public int RejectedFor(RejectionReason reason) => _rejectedByReason[(int)reason];

    internal static IngestResult Failed(IngestFailure failure) =>
        new([], [], 0, 0, [], new int[RejectionReasons.Count], failure);
}

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
        IngestFailure? failure,
        IReadOnlyList<VersionRefusals>? nonFiniteRefusals = null)
    {
        NonFiniteRefusals = nonFiniteRefusals ?? [];
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

    /// <summary>
    /// Records refused for a NaN or infinite value, per version, where the record named its model and version
    /// (records that broke before naming them count only among the rejections).
    /// </summary>
    public IReadOnlyList<VersionRefusals> NonFiniteRefusals { get; }

    public int RejectedFor(RejectionReason reason) => _rejectedByReason[(int)reason];

    internal static IngestResult Failed(IngestFailure failure) =>
        new([], [], 0, 0, [], new int[RejectionReasons.Count], failure);
}

/// <summary>How many records of one version were refused for one cause.</summary>
public sealed record VersionRefusals(string Model, string Version, int Count);

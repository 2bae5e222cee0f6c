namespace Monitor.Gateway.Ingest;

/// <summary>
/// The refused records of one request: exact counts (in total and per reason) and the first
/// <see cref="IngestLimits.MaxReportedErrors"/> messages, so a hostile request cannot make the
/// response or the metrics unbounded.
/// </summary>
internal sealed class RejectionLog
{
    private readonly int[] _byReason = new int[RejectionReasons.Count];
    private List<RecordError>? _errors;

    public int Count { get; private set; }

    public void Add(int index, RejectionReason reason, string message, int maxListed)
    {
        Count++;
        _byReason[(int)reason]++;
        if ((_errors?.Count ?? 0) < maxListed)
        {
            (_errors ??= []).Add(new RecordError(index, message, reason));
        }
    }

    /// <summary>The listed errors, handed to the result: the log starts a new list afterwards.</summary>
    public IReadOnlyList<RecordError> TakeErrors()
    {
        IReadOnlyList<RecordError> errors = _errors ?? (IReadOnlyList<RecordError>)[];
        _errors = null;
        return errors;
    }

    public int[] CountsByReason() => (int[])_byReason.Clone();

    public void Clear()
    {
        Count = 0;
        Array.Clear(_byReason);
        _errors = null;
    }
}

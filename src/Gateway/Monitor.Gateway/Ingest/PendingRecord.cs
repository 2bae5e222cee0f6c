namespace Monitor.Gateway.Ingest;

/// <summary>The scalar fields of the record being read; its features go straight to the session's cells.</summary>
internal struct PendingRecord
{
    public int ModelId;
    public int VersionId;
    public double LatencyMs;
    public double Confidence;
    public double PredictionNumber;
    public string? PredictionLabel;
    public string? ErrorType;
    public string? Id;
    public long TimestampMs;
    public bool HasLatency;
    public bool HasTimestamp;
    public RecordStatus Status;

    public static PendingRecord Empty => new()
    {
        ModelId = -1,
        VersionId = -1,
        LatencyMs = double.NaN,
        Confidence = double.NaN,
        PredictionNumber = double.NaN,
    };
}

internal enum RecordStatus : byte
{
    Missing = 0,
    Success = 1,
    Error = 2,
}

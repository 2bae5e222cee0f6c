namespace Monitor.Gateway.Ingest;

/// <summary>
/// An accepted record held row-wise until the whole body is read; the batch builder then scatters
/// rows into exactly-sized columns, so no column is ever grown and copied.
/// </summary>
internal struct StagedRecord
{
    public int Group;

    /// <summary>The record's position in the request, for answers about it after routing.</summary>
    public int Index;
    public int Row;
    public long TimestampMs;
    public double LatencyMs;
    public double Confidence;
    public double PredictionNumber;
    public string? PredictionLabel;
    public string? ErrorType;
    public string? Id;
    public int CellStart;
    public int CellCount;
    public bool Succeeded;
}

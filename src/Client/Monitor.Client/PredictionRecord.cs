namespace Monitor.Client;

/// <summary>
/// One prediction, as Monitor's <c>POST /v1/predictions</c> takes it. Feature values and the prediction
/// may be numbers, strings, booleans (sent as 1 and 0) or null; non-finite numbers are sent as null.
/// </summary>
public sealed record PredictionRecord
{
    public required string Model { get; init; }

    public required string Version { get; init; }

    /// <summary>The prediction's id, to join ground truth and business events to it later.</summary>
    public string? Id { get; init; }

    /// <summary>When the prediction was made; the client stamps the time it was enqueued when absent.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public IReadOnlyDictionary<string, object?>? Features { get; init; }

    /// <summary>A class label (string or number) or a numeric value.</summary>
    public object? Prediction { get; init; }

    public double? Confidence { get; init; }

    public required double LatencyMs { get; init; }

    /// <summary>"success" or "error".</summary>
    public string Status { get; init; } = "success";

    /// <summary>A short error type such as "Timeout", for a failed prediction.</summary>
    public string? Error { get; init; }

    public static PredictionRecord Success(
        string model, string version, double latencyMs, object? prediction, double? confidence = null,
        IReadOnlyDictionary<string, object?>? features = null, string? id = null) =>
        new() { Model = model, Version = version, LatencyMs = latencyMs, Prediction = prediction, Confidence = confidence, Features = features, Id = id };

    public static PredictionRecord Failure(
        string model, string version, double latencyMs, string error,
        IReadOnlyDictionary<string, object?>? features = null, string? id = null) =>
        new() { Model = model, Version = version, LatencyMs = latencyMs, Status = "error", Error = error, Features = features, Id = id };
}

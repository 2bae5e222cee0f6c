using System.Globalization;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// The records of one request and its response: one per row, id "{id}:{row}", timestamp the request's time,
/// latency the time between the two events. A request without a (usable) response gives failed records.
/// </summary>
public static class ExchangeRecords
{
    /// <summary>The error type of a request whose response never came (KServe logs no response for a non-200 answer).</summary>
    public const string NoResponse = "no_response";

    /// <summary>The error type of a request whose response has a different number of rows.</summary>
    public const string RowMismatch = "response_rows_mismatch";

    public static PredictionBatch Joined(ServedRequest request, ServedResponse response, string version)
    {
        var rows = request.Features.Rows;
        if (response.Predictions.Rows != rows)
        {
            return Failed(request, version, RowMismatch, Math.Max(0, response.TimeMs - request.TimeMs));
        }

        var latency = Math.Max(0, response.TimeMs - request.TimeMs);
        var batch = Build(request, version, rows, latency, succeeded: true, errorType: null);
        return new PredictionBatch
        {
            Model = batch.Model,
            Version = batch.Version,
            Count = rows,
            TimestampsMs = batch.TimestampsMs,
            LatenciesMs = batch.LatenciesMs,
            Confidences = response.Predictions.Confidences,
            Succeeded = batch.Succeeded,
            ErrorTypes = batch.ErrorTypes,
            Predictions = new PredictionColumn { Numbers = response.Predictions.Numbers, Labels = response.Predictions.Labels },
            Ids = batch.Ids,
            Features = batch.Features,
        };
    }

    /// <summary>Failed records of a request; <paramref name="waitedMs"/> is how long Monitor waited for its response.</summary>
    public static PredictionBatch Failed(ServedRequest request, string version, string errorType, double waitedMs) =>
        Build(request, version, request.Features.Rows, waitedMs, succeeded: false, errorType);

    private static PredictionBatch Build(ServedRequest request, string version, int rows, double latencyMs, bool succeeded, string? errorType)
    {
        var timestamps = new long[rows];
        Array.Fill(timestamps, (long)Math.Floor(request.TimeMs));
        var latencies = new double[rows];
        Array.Fill(latencies, latencyMs);
        var confidences = new double[rows];
        Array.Fill(confidences, double.NaN);
        var ok = new bool[rows];
        Array.Fill(ok, succeeded);
        var errors = new string?[rows];
        if (errorType is not null)
        {
            Array.Fill(errors, errorType);
        }

        var predictions = new double[rows];
        Array.Fill(predictions, double.NaN);
        var ids = new string?[rows];
        for (var r = 0; r < rows; r++)
        {
            ids[r] = RowId(request.BaseId, r);
        }

        return new PredictionBatch
        {
            Model = request.Model,
            Version = version,
            Count = rows,
            TimestampsMs = timestamps,
            LatenciesMs = latencies,
            Confidences = confidences,
            Succeeded = ok,
            ErrorTypes = errors,
            Predictions = new PredictionColumn { Numbers = predictions },
            Ids = ids,
            Features = request.Features.Columns,
        };
    }

    /// <summary>The prediction id of a row, which labels and events name to join it.</summary>
    public static string RowId(string baseId, int row) => baseId + ":" + row.ToString(CultureInfo.InvariantCulture);
}

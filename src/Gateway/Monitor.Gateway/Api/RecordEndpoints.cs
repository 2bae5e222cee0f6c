using System.Text.Json;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>A version's recent prediction-log records, in the log's own line format.</summary>
public static class RecordEndpoints
{
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/models").WithTags("Models")
            .MapGet("/{model}/versions/{version}/records", GetRecords)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Recent prediction-log records of a version, filtered by time (from, to) and id")
            .WithDescription("The newest matching records (up to `limit`), oldest first, each exactly as the prediction log wrote it.")
            .WithTimeQuery("from", "Earliest record time (RFC 3339), inclusive")
            .WithTimeQuery("to", "Latest record time (RFC 3339), inclusive")
            .WithTextQuery("id", "Only the record(s) with this prediction id")
            .WithIntegerQuery("limit", "Most records to return", 1, MaxLimit, 100)
            .Produces<RecordsDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetRecords(
        string model, string version, string? from, string? to, string? id, string? limit, VersionRouter router, IGrainFactory grains)
    {
        if (!QueryParameters.TryTime(from, "from", out var fromTime, out var problem)
            || !QueryParameters.TryTime(to, "to", out var toTime, out problem)
            || !QueryParameters.TryInt(limit, "limit", 100, 1, MaxLimit, out var max, out problem))
        {
            return problem!;
        }

        if (fromTime > toTime)
        {
            return Problems.Field("from", "must not be later than 'to'");
        }

        if (!await router.IsKnownAsync(model, version))
        {
            return Problems.UnknownVersion(model, version);
        }

        var slices = await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version))
            .GetRecords(new RecordQuery { From = fromTime, To = toTime, Id = id, Limit = max });
        return new RecordsResult(model, version, slices);
    }

    /// <summary>Writes the records with the prediction log's formatter, so the API and the log agree byte for byte.</summary>
    private sealed class RecordsResult(string model, string version, RecordSlice[] slices) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            var lines = new PredictionLogLineWriter();
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteString("version", version);
            json.WriteStartArray("records");
            foreach (var slice in slices)
            {
                lines.Begin(slice.Batch);
                foreach (var index in slice.Indices)
                {
                    json.WriteRawValue(lines.Format(index).TrimEnd((byte)'\n'), skipInputValidation: true);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(context.RequestAborted);
        }
    }
}

using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Monitor.Gateway.Durability;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Metrics;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Api;

/// <summary>
/// POST /v1/predictions: parse and validate, apply each version's records to its grain (one call per
/// version per request), then log and count them. A record is acknowledged only once its grain has it.
/// </summary>
public static partial class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/predictions", Ingest)
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithTags("Ingest")
            .WithSummary("Prediction telemetry: one record, a JSON array of records, or NDJSON")
            .WithDescription("The body is one record, a JSON array of records, or one record per line with `Content-Type: application/x-ndjson` "
                + "(or its aliases `application/ndjson`, `application/jsonl`, `application/x-jsonlines`; any other type is a 415 naming `Content-Type`). "
                + "A timestamp must be RFC 3339 with a time zone and a UTC instant in years 1-9999; `.` and `..` are not model or version names. "
                + "Valid records are kept even when others are refused; `errors` lists each refused record's index and reason. "
                + "A record is acknowledged only once its model version holds it. 503 (with `Retry-After`) means nothing was kept: send the request again.")
            .Accepts<IngestRecordDocument>("application/json", IngestFormats.NdjsonTypes)
            .Produces<IngestAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(OneRecordOrMany);
        return app;
    }

    /// <summary>A JSON body is one record or an array of them; NDJSON is one record per line.</summary>
    private static Task OneRecordOrMany(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json.Schema is { } record)
        {
            json.Schema = new OpenApiSchema { OneOf = [record, new OpenApiSchema { Type = JsonSchemaType.Array, Items = record }] };
        }

        return Task.CompletedTask;
    }

    private static async Task<IResult> Ingest(
        HttpContext context,
        PredictionParser parser,
        VersionRouter router,
        IPredictionLog log,
        IngestMetrics metrics,
        IngestBuffer buffer,
        IOptions<GatewayIngestOptions> gateway,
        IIngestLog ingestLog,
        ILogger<PredictionParser> logger)
    {
        if (!ingestLog.IsWritable)
        {
            metrics.Rejected("unavailable");
            return Problems.Unavailable("the ingest log cannot write to its disk (full?); nothing of this request was kept, retry shortly", gateway.Value.RetryAfter, context);
        }

        metrics.ActiveRequests.Inc();
        try
        {
            return await IngestCore(context, parser, router, log, metrics, buffer, gateway.Value.RetryAfter, logger);
        }
        finally
        {
            metrics.ActiveRequests.Dec();
        }
    }

    private static async Task<IResult> IngestCore(
        HttpContext context, PredictionParser parser, VersionRouter router, IPredictionLog log, IngestMetrics metrics,
        IngestBuffer buffer, TimeSpan retryAfter, ILogger logger)
    {
        var limit = parser.Limits.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            metrics.Rejected("body_too_large");
            return TooLarge(limit);
        }

        if (!log.HasRoom)
        {
            metrics.Rejected("unavailable");
            return Problems.Unavailable("the prediction log is catching up or cannot write to its disk (full?); nothing of this request was kept, retry shortly", retryAfter, context);
        }

        // The gateway enforces its own limit (with a problem answer) instead of Kestrel's.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var reader = context.Request.BodyReader;
        IngestResult result;
        long bodyBytes;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            var body = read.Buffer;
            if (body.Length > limit)
            {
                reader.AdvanceTo(body.End);
                metrics.Rejected("body_too_large");
                return TooLarge(limit);
            }

            if (read.IsCompleted)
            {
                bodyBytes = body.Length;
                result = parser.Parse(BodyText.WithoutBom(body), IngestFormats.FromContentType(context.Request.ContentType));
                reader.AdvanceTo(body.End);
                break;
            }

            reader.AdvanceTo(body.Start, body.End);
        }

        if (result.Failure is { } failure)
        {
            metrics.Rejected("invalid_body");
            var status = failure.Kind == IngestFailureKind.TooManyRecords ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Problems.Field("body", failure.Message, status);
        }

        foreach (var reason in RejectionReasons.All)
        {
            if (result.RejectedFor(reason) is > 0 and var n)
            {
                metrics.Rejected(reason.ToLabel(), n);
            }
        }

        // Held within the gateway's bound until the versions have the records; past it, refused whole.
        using var reservation = result.Accepted > 0 ? buffer.TryReserve(result.Accepted, bodyBytes) : null;
        if (result.Accepted > 0 && reservation is null)
        {
            metrics.Rejected("buffer_full", result.Accepted);
            return Problems.Unavailable(
                $"the gateway already holds its maximum of records waiting for the cluster ({buffer.Records:N0} records, {buffer.Bytes:N0} bytes); nothing of this request was kept, send it again",
                retryAfter,
                context);
        }

        var outcomes = await RouteAll(result.Batches, router);
        foreach (var refused in result.NonFiniteRefusals)
        {
            await CountNonFinite(refused, router, logger);
        }

        var accepted = 0;
        var problems = new List<IngestAnswer.RecordProblem>(result.Errors.Count);
        foreach (var error in result.Errors)
        {
            problems.Add(new IngestAnswer.RecordProblem(error.Index, error.Error, error.Reason.ToLabel()));
        }

        for (var b = 0; b < outcomes.Length; b++)
        {
            var batch = result.Batches[b];
            switch (outcomes[b])
            {
                case RouteOutcome.Applied:
                    accepted += batch.Count;
                    metrics.Accepted(batch);
                    log.Append(batch);
                    break;
                case RouteOutcome.CapReached:
                    metrics.Rejected("version_cap", batch.Count);
                    Refuse(problems, result.RequestIndices[b], "version_cap",
                        $"version: Monitor already tracks its maximum number of model versions, so {batch.Model}/{batch.Version} cannot be added; raise Monitor:Registry:MaxVersions or retire versions");
                    break;
                default:
                    metrics.Rejected("unavailable", batch.Count);
                    Refuse(problems, result.RequestIndices[b], "unavailable",
                        $"version: {batch.Model}/{batch.Version} could not be reached; nothing of it was kept, send these records again");
                    break;
            }
        }

        var rejected = result.Rejected + (result.Accepted - accepted);
        if (accepted == 0 && result.Accepted > 0 && outcomes.All(o => o == RouteOutcome.Unavailable))
        {
            return Problems.Unavailable("the cluster could not take the records; nothing was kept, send them again", retryAfter, context);
        }

        problems.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        if (problems.Count > parser.Limits.MaxReportedErrors)
        {
            problems.RemoveRange(parser.Limits.MaxReportedErrors, problems.Count - parser.Limits.MaxReportedErrors);
        }

        return TypedResults.Json(new IngestAnswer(accepted, rejected, problems), statusCode: StatusCodes.Status202Accepted);

        async Task<RouteOutcome[]> RouteAll(IReadOnlyList<PredictionBatch> batches, VersionRouter versionRouter)
        {
            var outcomes = new RouteOutcome[batches.Count];
            if (batches.Count == 1)
            {
                outcomes[0] = await RouteOne(batches[0], versionRouter);
                return outcomes;
            }

            var tasks = new Task<RouteOutcome>[batches.Count];
            for (var b = 0; b < batches.Count; b++)
            {
                tasks[b] = RouteOne(batches[b], versionRouter);
            }

            for (var b = 0; b < tasks.Length; b++)
            {
                outcomes[b] = await tasks[b];
            }

            return outcomes;
        }

        async Task<RouteOutcome> RouteOne(PredictionBatch batch, VersionRouter versionRouter)
        {
            try
            {
                return await versionRouter.RouteAsync(batch) ? RouteOutcome.Applied : RouteOutcome.CapReached;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRouteFailed(logger, ex, batch.Model, batch.Version, batch.Count);
                return RouteOutcome.Unavailable;
            }
        }
    }

    // Counting is best effort: the records were refused either way, and the answer says so.
    private static async Task CountNonFinite(VersionRefusals refused, VersionRouter router, ILogger logger)
    {
        try
        {
            await router.CountNonFiniteAsync(refused.Model, refused.Version, refused.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCountFailed(logger, ex, refused.Model, refused.Version);
        }
    }

    private static void Refuse(List<IngestAnswer.RecordProblem> problems, int[] indices, string reason, string message)
    {
        foreach (var index in indices)
        {
            problems.Add(new IngestAnswer.RecordProblem(index, message, reason));
        }
    }

    private static IResult TooLarge(int limit) =>
        Problems.Field("body", $"larger than the limit of {limit:N0} bytes; send fewer records per request", StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count refused non-finite records of {Model}/{Version}")]
    private static partial void LogCountFailed(ILogger logger, Exception exception, string model, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply {Count} records of {Model}/{Version}; they were refused")]
    private static partial void LogRouteFailed(ILogger logger, Exception exception, string model, string version, int count);

    private enum RouteOutcome
    {
        Applied,
        CapReached,
        Unavailable,
    }
}

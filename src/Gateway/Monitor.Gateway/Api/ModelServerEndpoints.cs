using System.Text.Json;
using CloudNative.CloudEvents;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.ModelServers;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Outcomes;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;

namespace Monitor.Gateway.Api;

/// <summary>
/// Ingest straight from model servers: KServe's and Seldon Core's payload loggers (CloudEvents), Open
/// Inference Protocol request/response pairs and BentoML monitor lines. An event is answered as soon as it
/// is held for its other half, or once the joined records are in their version.
/// </summary>
public static partial class ModelServerEndpoints
{
    private const string CloudEventsDescription =
        "A CloudEvent in binary mode (`ce-specversion`, `ce-id`, `ce-type`, `ce-source`, `ce-time` and extension headers; the body is the payload), "
        + "structured mode (`Content-Type: application/cloudevents+json`, with `data` or `data_base64`) or batch mode (`application/cloudevents-batch+json`). "
        + "Requests and responses sharing an id are joined into one record per row, either may come first; a request without a response within the join timeout becomes failed records (`no_response`). "
        + "Answered 200 with `status` `waiting`, `joined`, `duplicate` or `labels`; a payload Monitor cannot read is answered 400 naming the event and the field. See docs/integrations.md.";

    public static IEndpointRouteBuilder MapModelServerEndpoints(this IEndpointRouteBuilder app)
    {
        var ingest = app.MapGroup("/v1/ingest").WithTags("Model servers");
        ingest.MapPost("/kserve", (HttpContext context, CloudEventIngest handler, PredictionParser parser, IPredictionLog log, ModelServerMetrics metrics, IOptions<GatewayIngestOptions> gateway) =>
                CloudEvents(context, ServedEventInterpreter.KServeSource, ServedEventInterpreter.KServe, handler, parser, log, metrics, gateway.Value.RetryAfter))
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithSummary("KServe payload logger: point an InferenceService's logger.url here (mode: all)")
            .WithDescription(CloudEventsDescription + " Event types `org.kubeflow.serving.inference.request` and `.response`; the model is `ce-inferenceservicename`, the version the payload's `model_version`, else `ce-endpoint` (default/canary), else `default`, unless the model's mapping says otherwise.")
            .Accepts<JsonElement>("application/json", "application/cloudevents+json", "application/cloudevents-batch+json", "application/octet-stream")
            .Produces<ExchangeAnswer>()
            .ProducesModelServerProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        ingest.MapPost("/seldon", (HttpContext context, CloudEventIngest handler, PredictionParser parser, IPredictionLog log, ModelServerMetrics metrics, IOptions<GatewayIngestOptions> gateway) =>
                CloudEvents(context, ServedEventInterpreter.SeldonSource, ServedEventInterpreter.Seldon, handler, parser, log, metrics, gateway.Value.RetryAfter))
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithSummary("Seldon Core v1 request logger: set the SeldonDeployment's logger.url here")
            .WithDescription(CloudEventsDescription + " Event types `io.seldon.serving.inference.request`, `.response` (joined by `ce-requestid`) and `io.seldon.serving.feedback`, whose `truth` becomes the label of each row's prediction and `reward` a business event.")
            .Accepts<JsonElement>("application/json", "application/cloudevents+json", "application/cloudevents-batch+json")
            .Produces<ExchangeAnswer>()
            .ProducesModelServerProblems()
            .ProducesProblem(StatusCodes.Status409Conflict);
        ingest.MapPost("/oip", OipPairsEndpoint)
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithSummary("Open Inference Protocol request/response pairs: {\"request\", \"response\"}, a JSON array of them, or NDJSON")
            .WithDescription("For servers without a payload logger (Triton, MLServer, a KServe V2 server behind your own proxy). Optional `latency_ms` and `timestamp` per pair; the model is the `model` query parameter, else the payload's `model_name`. Valid pairs are kept even when others are refused.")
            .WithTextQuery("model", "The model of every pair (default: the payload's model_name)")
            .Accepts<JsonElement>("application/json", "application/x-ndjson")
            .Produces<PairAnswer>(StatusCodes.Status202Accepted)
            .ProducesModelServerProblems();
        ingest.MapPost("/bentoml", BentoMlEndpoint)
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithSummary("BentoML monitor logs: the schema line and data lines as JSON lines")
            .WithDescription("Columns of role `feature` are features, `prediction` the prediction, `target` ground truth joined as labels. The model is the `model` query parameter, else the schema's bento_name; the version `version`, else bento_version. BentoML logs no latency: these records have latency 0.")
            .WithTextQuery("model", "The model (default: the schema line's bento_name)")
            .WithTextQuery("version", "The version (default: the schema line's bento_version, else the mapping's)")
            .Accepts<JsonElement>("application/x-ndjson", "application/json")
            .Produces<PairAnswer>(StatusCodes.Status202Accepted)
            .ProducesModelServerProblems();
        return app;
    }

    /// <summary>What every model-server ingest can refuse: an unreadable payload, a body too large, a log with no room.</summary>
    private static RouteHandlerBuilder ProducesModelServerProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CloudEvents(
        HttpContext context, string source, Func<CloudEvent, ModelServerEvent> interpret, CloudEventIngest handler, PredictionParser parser,
        IPredictionLog log, ModelServerMetrics metrics, TimeSpan retryAfter)
    {
        if (!log.HasRoom)
        {
            metrics.Refused(source, "unavailable");
            return Problems.Unavailable("the prediction log is catching up; retry shortly", retryAfter, context);
        }

        var (body, tooLarge) = await OutcomeRequestBody.ParseAsync(context, parser.Limits.MaxBodyBytes, static (body, _) => System.Buffers.BuffersExtensions.ToArray(body));
        if (tooLarge is not null)
        {
            metrics.Refused(source, "invalid_event");
            return tooLarge;
        }

        IReadOnlyList<CloudEvent> events;
        try
        {
            events = CloudEventReader.Read(context.Request.Headers, context.Request.ContentType, body!);
        }
        catch (PayloadException ex)
        {
            metrics.Refused(source, "invalid_event");
            return Problems.Field(ex.Field, ex.Reason);
        }

        if (events.Count == 1)
        {
            var (answer, problem) = await HandleOne(events[0], interpret, handler, metrics, source, retryAfter, context);
            return problem ?? TypedResults.Json(answer, statusCode: StatusCodes.Status200OK);
        }

        var answers = new List<BatchEventAnswer>(events.Count);
        foreach (var cloudEvent in events)
        {
            var (answer, problem) = await HandleOne(cloudEvent, interpret, handler, metrics, source, retryAfter, context);
            answers.Add(new BatchEventAnswer(cloudEvent.Id, answer?.Status ?? "refused", answer?.Records ?? 0, problem is null ? null : LastError(context)));
        }

        return TypedResults.Json(new { events = answers }, statusCode: StatusCodes.Status200OK);
    }

    private static async Task<(ExchangeAnswer? Answer, IResult? Problem)> HandleOne(
        CloudEvent cloudEvent, Func<CloudEvent, ModelServerEvent> interpret, CloudEventIngest handler, ModelServerMetrics metrics, string source, TimeSpan retryAfter, HttpContext context)
    {
        ModelServerEvent? served = null;
        try
        {
            served = interpret(cloudEvent);
            var answer = await handler.Handle(served);
            switch (answer.Delivery)
            {
                case DeliveryOutcome.CapReached:
                    metrics.Refused(source, "version_cap");
                    return (null, Remember(context, Problems.Field("version",
                        $"Monitor already tracks its maximum number of model versions, so {answer.Model}/{answer.Version} cannot be added; raise Monitor:Registry:MaxVersions or retire versions",
                        StatusCodes.Status409Conflict), "version: version cap reached"));
                case DeliveryOutcome.Unavailable:
                    metrics.Refused(source, "unavailable");
                    return (null, Remember(context, Problems.Unavailable("the cluster could not take the records; nothing was kept, send the event again", retryAfter, context), "cluster unavailable"));
            }

            return (answer, null);
        }
        catch (PayloadException ex)
        {
            metrics.Refused(source, ex.Field.StartsWith("mapping.", StringComparison.Ordinal) ? "mapping" : "invalid_payload");
            var what = served?.Describe() ?? $"event {cloudEvent.Id}";
            return (null, Remember(context, TypedResults.Problem(
                detail: $"{what}: {ex.Field}: {ex.Reason}",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid request",
                extensions: new Dictionary<string, object?> { ["field"] = ex.Field, ["event"] = cloudEvent.Id, ["event_type"] = cloudEvent.Type }), $"{what}: {ex.Field}: {ex.Reason}"));
        }
    }

    private static IResult Remember(HttpContext context, IResult problem, string message)
    {
        context.Items[typeof(ModelServerEndpoints)] = message;
        return problem;
    }

    private static string? LastError(HttpContext context) => context.Items[typeof(ModelServerEndpoints)] as string;

    private static async Task<IResult> OipPairsEndpoint(HttpContext context, OipPairs pairs, PredictionParser parser, IPredictionLog log, ModelServerMetrics metrics, IOptions<GatewayIngestOptions> gateway)
    {
        var model = context.Request.Query["model"].ToString();
        return await Lines(context, parser, log, metrics, OipPairs.Source, gateway.Value.RetryAfter, body =>
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            return pairs.Handle(body, IngestFormats.FromContentType(context.Request.ContentType) == IngestFormat.Ndjson, model.Length == 0 ? null : model, headers);
        });
    }

    private static async Task<IResult> BentoMlEndpoint(HttpContext context, BentoMlLines lines, PredictionParser parser, IPredictionLog log, ModelServerMetrics metrics, IOptions<GatewayIngestOptions> gateway)
    {
        var model = context.Request.Query["model"].ToString();
        var version = context.Request.Query["version"].ToString();
        return await Lines(context, parser, log, metrics, BentoMlLines.Source, gateway.Value.RetryAfter,
            body => lines.Handle(body, model.Length == 0 ? null : model, version.Length == 0 ? null : version));
    }

    private static async Task<IResult> Lines(
        HttpContext context, PredictionParser parser, IPredictionLog log, ModelServerMetrics metrics, string source, TimeSpan retryAfter, Func<byte[], Task<PairAnswer>> handle)
    {
        if (!log.HasRoom)
        {
            metrics.Refused(source, "unavailable");
            return Problems.Unavailable("the prediction log is catching up; retry shortly", retryAfter, context);
        }

        var (body, tooLarge) = await OutcomeRequestBody.ParseAsync(context, parser.Limits.MaxBodyBytes, static (body, _) => System.Buffers.BuffersExtensions.ToArray(body));
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        try
        {
            var answer = await handle(body!);
            return TypedResults.Json(answer, statusCode: StatusCodes.Status202Accepted);
        }
        catch (JsonException ex)
        {
            metrics.Refused(source, "invalid_payload");
            return Problems.Field("body", $"is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')})");
        }
    }

    private sealed record BatchEventAnswer(string? Id, string Status, int Records, string? Error);
}

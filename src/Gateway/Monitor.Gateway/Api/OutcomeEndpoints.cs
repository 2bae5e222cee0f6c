using Monitor.Gateway.Ingest;
using Monitor.Gateway.Outcomes;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>
/// POST /v1/labels and POST /v1/events: parse and validate, then hand each target's records to its
/// version grain, or to the model grain when they named no version (one call per target per request).
/// A record is acknowledged once its grain has it: joined, waiting for its prediction, or counted as
/// not joinable; the answer says which.
/// </summary>
public static partial class OutcomeEndpoints
{
    public static IEndpointRouteBuilder MapOutcomeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/labels", PostLabels)
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithTags("Outcomes")
            .WithSummary("Ground truth by prediction id: one label, a JSON array, or NDJSON; joined to the prediction (also days later)")
            .Accepts<LabelRecordDocument>("application/json", IngestFormats.NdjsonTypes)
            .Produces<LabelAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost("/v1/events", PostEvents)
            .RequireAuthorization(ApiPolicies.Ingest)
            .WithTags("Outcomes")
            .WithSummary("Business events (click, conversion, revenue or custom) by prediction id or version: one, a JSON array, or NDJSON")
            .Accepts<EventRecordDocument>("application/json", IngestFormats.NdjsonTypes)
            .Produces<EventAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static Task<IResult> PostLabels(
        HttpContext context, OutcomeParser parser, VersionRouter router, IGrainFactory grains, OutcomeIngestMetrics metrics, ILogger<OutcomeParser> logger) =>
        Post(
            context, parser, router, grains, metrics, logger, "label",
            parser.ParseLabels,
            group => group.Version is null
                ? grains.GetGrain<IModelGrain>(group.Model).JoinLabels(group.Batch)
                : grains.GetGrain<IModelVersionGrain>(VersionKey.Of(group.Model, group.Version)).JoinLabels(group.Batch),
            (accepted, rejected, errors, counts) => new LabelAnswer(accepted, rejected, errors, counts.Aggregate(LabelJoinCounts.Empty, static (total, more) => total.Plus(more))));

    private static Task<IResult> PostEvents(
        HttpContext context, OutcomeParser parser, VersionRouter router, IGrainFactory grains, OutcomeIngestMetrics metrics, ILogger<OutcomeParser> logger) =>
        Post(
            context, parser, router, grains, metrics, logger, "event",
            parser.ParseEvents,
            group => group.Version is null
                ? grains.GetGrain<IModelGrain>(group.Model).RecordEvents(group.Batch)
                : grains.GetGrain<IModelVersionGrain>(VersionKey.Of(group.Model, group.Version)).RecordEvents(group.Batch),
            (accepted, rejected, errors, counts) => new EventAnswer(accepted, rejected, errors, counts.Aggregate(EventJoinCounts.Empty, static (total, more) => total.Plus(more))));

    /// <summary>Labels and events alike: read the body, refuse it whole or record by record, deliver each target's batch, answer.</summary>
    private static async Task<IResult> Post<TBatch, TCounts, TAnswer>(
        HttpContext context,
        OutcomeParser parser,
        VersionRouter router,
        IGrainFactory grains,
        OutcomeIngestMetrics metrics,
        ILogger logger,
        string kind,
        OutcomeParse<TBatch> parse,
        Func<OutcomeGroup<TBatch>, Task<TCounts>> deliver,
        Func<int, int, IReadOnlyList<IngestAnswer.RecordProblem>, List<TCounts>, TAnswer> answer)
        where TCounts : class
    {
        var (result, problem) = await OutcomeRequestBody.ParseAsync(context, parser.Limits.MaxBodyBytes, (body, format) => parse(body, format));
        if (problem is not null)
        {
            metrics.Rejected(kind, "body_too_large");
            return problem;
        }

        if (Refused(result!.Failure, kind, metrics) is { } failure)
        {
            return failure;
        }

        var (delivery, counts) = await DeliverAll(result.Groups, deliver, router, grains, kind, logger);
        return Answer(context, result.Accepted, result.Rejected, result.Errors, result.RejectedFor, delivery, parser.Limits, kind, metrics,
            (accepted, rejected, errors) => answer(accepted, rejected, errors, counts));
    }

    private delegate OutcomeParseResult<TBatch> OutcomeParse<TBatch>(in System.Buffers.ReadOnlySequence<byte> body, IngestFormat format);

    private static IResult? Refused(IngestFailure? failure, string kind, OutcomeIngestMetrics metrics)
    {
        if (failure is null)
        {
            return null;
        }

        metrics.Rejected(kind, "invalid_body");
        var status = failure.Kind == IngestFailureKind.TooManyRecords ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
        return Problems.Field("body", failure.Message, status);
    }

    /// <summary>Hands every group to its grain at once; groups whose target is unknown or unreachable are refused row by row.</summary>
    private static async Task<(Delivery Delivery, List<TCounts> Counts)> DeliverAll<TBatch, TCounts>(
        IReadOnlyList<OutcomeGroup<TBatch>> groups, Func<OutcomeGroup<TBatch>, Task<TCounts>> deliver, VersionRouter router, IGrainFactory grains, string kind, ILogger logger)
        where TCounts : class
    {
        var answers = await Task.WhenAll(groups.Select(group => Deliver(group, deliver, router, grains, kind, logger)));
        var delivery = new Delivery();
        var counts = new List<TCounts>(answers.Length);
        for (var g = 0; g < answers.Length; g++)
        {
            var (joined, reason, message) = answers[g];
            if (joined is not null)
            {
                delivery.Delivered += groups[g].RequestIndices.Length;
                counts.Add(joined);
            }
            else
            {
                delivery.Refuse(groups[g].RequestIndices, reason!, message!);
            }
        }

        return (delivery, counts);
    }

    private static async Task<(TCounts? Counts, string? Reason, string? Message)> Deliver<TBatch, TCounts>(
        OutcomeGroup<TBatch> group, Func<OutcomeGroup<TBatch>, Task<TCounts>> deliver, VersionRouter router, IGrainFactory grains, string kind, ILogger logger)
        where TCounts : class
    {
        try
        {
            if (group.Version is { } version)
            {
                if (!await router.IsKnownAsync(group.Model, version))
                {
                    return (null, "unknown_version", $"version: model '{group.Model}' has no version '{version}'; {kind}s join the predictions a version has received");
                }
            }
            else if ((await grains.GetGrain<IModelGrain>(group.Model).GetVersions()).Count == 0)
            {
                return (null, "unknown_model", $"model: no model '{group.Model}' has received predictions; {kind}s join the predictions a model has received");
            }

            return (await deliver(group), null, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var target = group.Version is null ? group.Model : $"{group.Model}/{group.Version}";
            LogDeliveryFailed(logger, ex, kind, group.RequestIndices.Length, target);
            return (null, "unavailable", $"{(group.Version is null ? "model" : "version")}: {target} could not be reached; nothing of it was kept, send these {kind}s again");
        }
    }

    private static IResult Answer<TAnswer>(
        HttpContext context,
        int accepted,
        int rejected,
        IReadOnlyList<RecordError> errors,
        Func<RejectionReason, int> rejectedFor,
        Delivery delivery,
        IngestLimits limits,
        string kind,
        OutcomeIngestMetrics metrics,
        Func<int, int, IReadOnlyList<IngestAnswer.RecordProblem>, TAnswer> answer)
    {
        foreach (var reason in RejectionReasons.All)
        {
            if (rejectedFor(reason) is > 0 and var n)
            {
                metrics.Rejected(kind, reason.ToLabel(), n);
            }
        }

        foreach (var (reason, count) in delivery.RefusedByReason)
        {
            metrics.Rejected(kind, reason, count);
        }

        if (delivery.Delivered > 0)
        {
            metrics.Accepted(kind, delivery.Delivered);
        }

        if (delivery.Delivered == 0 && accepted > 0 && delivery.RefusedByReason.Keys.All(r => r == "unavailable"))
        {
            return Problems.Unavailable($"the cluster could not take the {kind}s; nothing was kept, send them again", TimeSpan.FromSeconds(1), context);
        }

        var problems = new List<IngestAnswer.RecordProblem>(errors.Count + delivery.Problems.Count);
        foreach (var error in errors)
        {
            problems.Add(new IngestAnswer.RecordProblem(error.Index, error.Error, error.Reason.ToLabel()));
        }

        problems.AddRange(delivery.Problems);
        problems.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        if (problems.Count > limits.MaxReportedErrors)
        {
            problems.RemoveRange(limits.MaxReportedErrors, problems.Count - limits.MaxReportedErrors);
        }

        return TypedResults.Json(answer(delivery.Delivered, rejected + (accepted - delivery.Delivered), problems), statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver {Count} {Kind}s of {Target}; they were refused")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string kind, int count, string target);

    private sealed class Delivery
    {
        public int Delivered { get; set; }

        public List<IngestAnswer.RecordProblem> Problems { get; } = [];

        public Dictionary<string, int> RefusedByReason { get; } = [];

        public void Refuse(int[] indices, string reason, string message)
        {
            foreach (var index in indices)
            {
                Problems.Add(new IngestAnswer.RecordProblem(index, message, reason));
            }

            RefusedByReason[reason] = RefusedByReason.GetValueOrDefault(reason) + indices.Length;
        }
    }
}

using System.Text.Json;
using Monitor.Gateway.Security;
using Monitor.Grains.Alerting;
using Monitor.Grains.Models;
using Monitor.Grains.Reports;
using Monitor.Grains.Reports.Reviews;

namespace Monitor.Gateway.Api.Reports;

/// <summary>PUT, GET and DELETE /v1/models/{model}/reviews: a model's scheduled review and the channels it goes to.</summary>
public static class ReviewEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxChannels = 10;

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var reviews = app.MapGroup("/v1/models/{model}/reviews").WithTags("Reports");
        reviews.MapPut("/", Put)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Schedules the model's review: {\"schedule\": \"weekly\"|\"monthly\", \"channels\": [\"ops-mail\"], \"version\": optional}")
            .WithDescription("Channels are alerting channels by name (POST /v1/alerts/channels) of kind email (the HTML report inline), slack or webhook (a summary and a link to GET .../report) or log. "
                + "Weekly periods run Monday 00:00 UTC to Monday, monthly ones from the 1st; the review of a period is sent when it ends, once, also across restarts.")
            .Accepts<ReviewSchedule>("application/json")
            .Produces<ReviewStatus>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        reviews.MapGet("/", Get)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The model's review schedule, the last period sent and the next one")
            .Produces<ReviewStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        reviews.MapDelete("/", Delete)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Stops the model's scheduled reviews")
            .Produces<ReviewStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Put(string model, HttpContext context, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync(context, MaxBodyBytes);
        if (body is not { } read)
        {
            return Problems.Field("body", $"must be at most {MaxBodyBytes} bytes", StatusCodes.Status413PayloadTooLarge);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(read.Buffer.AsMemory(0, read.Length));
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Problems.Field("body", $"must be JSON such as {{\"schedule\": \"weekly\", \"channels\": [\"ops-mail\"]}}: {ex.Message}");
        }

        var versions = await grains.GetGrain<IModelGrain>(model).GetVersions();
        if (versions.Count == 0)
        {
            return UnknownModel(model);
        }

        var config = await grains.GetGrain<IAlertingConfigGrain>(0).GetConfig();
        var problems = ReviewScheduleReader.Read(root, config, versions, MaxChannels, out var schedule);
        if (problems.Count > 0)
        {
            return Problems.Fields(problems);
        }

        return TypedResults.Ok(await grains.GetGrain<IModelReviewsGrain>(model).SetSchedule(schedule!));
    }

    private static async Task<IResult> Get(string model, IGrainFactory grains) =>
        await grains.GetGrain<IModelReviewsGrain>(model).GetStatus() is { } status ? TypedResults.Ok(status) : NoSchedule(model);

    private static async Task<IResult> Delete(string model, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IModelReviewsGrain>(model);
        var status = await grain.GetStatus();
        return status is not null && await grain.DeleteSchedule() ? TypedResults.Ok(status) : NoSchedule(model);
    }

    private static IResult UnknownModel(string model) =>
        Problems.Field("model", $"no model '{Problems.Shown(model)}' has received predictions", StatusCodes.Status404NotFound);

    private static IResult NoSchedule(string model) =>
        Problems.Field("model", $"model '{Problems.Shown(model)}' has no review schedule; set one with PUT /v1/models/{{model}}/reviews", StatusCodes.Status404NotFound);
}

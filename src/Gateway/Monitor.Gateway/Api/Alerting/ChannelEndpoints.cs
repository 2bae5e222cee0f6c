using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.Security;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>/v1/alerts/channels: notification channels. Secrets are write-only.</summary>
public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        var channels = app.MapGroup("/v1/alerts/channels").WithTags("Alert channels");
        channels.MapGet("/", List)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Every channel (built in, from settings, from the API), without secrets")
            .Produces<ChannelList>();
        channels.MapGet("/{name}", Get)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("One channel, without secrets")
            .Produces<ChannelDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        channels.MapPost("/", Create)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Creates a channel: webhook, slack, pagerduty, email or alertmanager")
            .Accepts<ChannelDocument>("application/json")
            .Produces<ChannelDocument>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        channels.MapPut("/{name}", Update)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Creates or updates a channel; secret fields left out keep their stored values")
            .Accepts<ChannelDocument>("application/json")
            .Produces<ChannelDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        channels.MapDelete("/{name}", Delete)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Deletes a channel no route uses and answers it (without secrets)")
            .Produces<ChannelDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> List(IGrainFactory grains) =>
        TypedResults.Ok(new ChannelList([.. (await grains.GetGrain<IAlertingConfigGrain>(0).GetConfig()).Channels.Select(ChannelDocument.Of)]));

    private static async Task<IResult> Get(string name, IGrainFactory grains) =>
        (await grains.GetGrain<IAlertingConfigGrain>(0).GetConfig()).Channel(name) is { } channel
            ? TypedResults.Ok(ChannelDocument.Of(channel))
            : Problems.Field("name", $"no channel named '{name}'", StatusCodes.Status404NotFound);

    private static Task<IResult> Create(HttpContext context, IGrainFactory grains) => Write(context, grains, null);

    private static Task<IResult> Update(string name, HttpContext context, IGrainFactory grains) => Write(context, grains, name);

    private static async Task<IResult> Write(HttpContext context, IGrainFactory grains, string? name)
    {
        var (document, problem) = await StrictJson.ReadAsync<ChannelDocument>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (channel, refused) = document!.ToChannel(name);
        if (refused is not null)
        {
            return Problems.Field(refused);
        }

        var config = grains.GetGrain<IAlertingConfigGrain>(0);
        var result = await config.PutChannel(channel!, createOnly: name is null);
        if (result.Problem is { } stored)
        {
            return Problems.Field(stored, result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }

        var saved = ChannelDocument.Of((await config.GetConfig()).Channel(channel!.Name)!);
        return result.Created ? TypedResults.Created($"/v1/alerts/channels/{Uri.EscapeDataString(saved.Name!)}", saved) : TypedResults.Ok(saved);
    }

    private static async Task<IResult> Delete(string name, IGrainFactory grains)
    {
        var config = grains.GetGrain<IAlertingConfigGrain>(0);
        var channel = (await config.GetConfig()).Channel(name);
        var result = await config.DeleteChannel(name);
        if (result.Problem is { } problem)
        {
            return Problems.Field(problem, result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(ChannelDocument.Of(channel!));
    }

    public sealed record ChannelList(IReadOnlyList<ChannelDocument> Channels);
}

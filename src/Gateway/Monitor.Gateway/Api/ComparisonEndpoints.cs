using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Api.Segments;
using Monitor.Gateway.Security;
using Monitor.Grains;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;

namespace Monitor.Gateway.Api;

/// <summary>A/B comparison of a model's versions, and the champion the comparison defaults to.</summary>
public static class ComparisonEndpoints
{
    public static IEndpointRouteBuilder MapComparisonEndpoints(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/models").WithTags("A/B");
        models.MapGet("/{model}/compare", Compare)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Version b against version a over the last N minutes, or the champion against each challenger when a and b are omitted")
            .WithSegmentQuery()
            .Produces<ModelComparison>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        models.MapPut("/{model}/champion", PutChampion)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Names the version the others are compared with by default: {\"version\": \"v1\"}")
            .Accepts<ChampionRequest>("application/json")
            .Produces<ChampionAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/{model}/champion", GetChampion)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The model's champion, or null when none is named")
            .Produces<ChampionAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Compare(string model, string? a, string? b, string? minutes, string? segment, IGrainFactory grains, IOptions<VersionWindowOptions> windows)
    {
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, (int)windows.Value.Retention.TotalMinutes, out var m, out var problem)
            || !SegmentQuery.TryParse(segment, out var one, out problem))
        {
            return problem!;
        }

        var grain = grains.GetGrain<IModelGrain>(model);
        var versions = await grain.GetVersions();
        if (versions.Count == 0)
        {
            return UnknownModel(model);
        }

        if (string.IsNullOrEmpty(a) != string.IsNullOrEmpty(b))
        {
            return string.IsNullOrEmpty(a)
                ? Problems.Field("a", "required when b is given: name both versions, or neither to compare the champion with each challenger")
                : Problems.Field("b", "required when a is given: name both versions, or neither to compare the champion with each challenger");
        }

        if (one is not null && string.IsNullOrEmpty(a))
        {
            return await SegmentComparison.CompareAsync(grains, model, null, null, m, one);
        }

        if (string.IsNullOrEmpty(a))
        {
            var champion = await grain.CompareWithChampion(m);
            return champion is null
                ? Problems.Field("a", $"model '{model}' has no champion: name two versions (?a=...&b=...) or set one with PUT /v1/models/{model}/champion", StatusCodes.Status409Conflict)
                : TypedResults.Ok(champion);
        }

        foreach (var (field, version) in new[] { ("a", a), ("b", b!) })
        {
            if (!versions.Contains(version))
            {
                return Problems.Field(field, $"model '{model}' has no version '{version}'", StatusCodes.Status404NotFound);
            }
        }

        if (a == b)
        {
            return Problems.Field("b", "must name a different version than a");
        }

        if (one is not null)
        {
            return await SegmentComparison.CompareAsync(grains, model, a, b, m, one);
        }

        return TypedResults.Ok(await grain.Compare(a, b!, m));
    }

    private static async Task<IResult> PutChampion(string model, HttpContext context, IGrainFactory grains)
    {
        ChampionRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<ChampionRequest>(MonitorJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Problems.Field("body", $"must be JSON such as {{\"version\": \"v1\"}}: {ex.Message}");
        }
        catch (InvalidOperationException)
        {
            return Problems.Field("body", "must be JSON (Content-Type: application/json) such as {\"version\": \"v1\"}");
        }

        if (string.IsNullOrEmpty(request?.Version))
        {
            return Problems.Field("version", "required: the version to name champion, e.g. {\"version\": \"v1\"}");
        }

        var grain = grains.GetGrain<IModelGrain>(model);
        if ((await grain.GetVersions()).Count == 0)
        {
            return UnknownModel(model);
        }

        if (!await grain.SetChampion(request.Version))
        {
            return Problems.Field("version", $"model '{model}' has no version '{request.Version}'", StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(new ChampionAnswer(model, request.Version));
    }

    private static async Task<IResult> GetChampion(string model, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IModelGrain>(model);
        if ((await grain.GetVersions()).Count == 0)
        {
            return UnknownModel(model);
        }

        return TypedResults.Ok(new ChampionAnswer(model, await grain.GetChampion()));
    }

    private static IResult UnknownModel(string model) =>
        Problems.Field("model", $"no model '{model}' has received predictions", StatusCodes.Status404NotFound);
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Api.Segments;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains.Models;
using Monitor.Grains.Versions;
using Monitor.Grains.Windows;

namespace Monitor.Gateway.Api;

/// <summary>Read side of models and versions: listing, summaries and time series.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var windows = app.ServiceProvider.GetRequiredService<IOptions<VersionWindowOptions>>().Value;
        var retention = (int)windows.Retention.TotalMinutes;
        var fineStep = (int)windows.FineBucket.TotalSeconds;
        const string minutesDoc = "How far back to look, in minutes";

        var models = app.MapGroup("/v1/models").WithTags("Models");
        models.MapGet("/", ListModels)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Models and their versions, each with a one-line health")
            .WithDescription("Health covers the last 5 minutes: `healthy`, `degraded` (success rate below 95%), `idle` (no recent records) or `new` (none yet).")
            .Produces<ModelList>();
        models.MapGet("/{model}/versions/{version}/summary", GetSummary)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("A version's figures over the last N minutes (the Python baseline's summary and more)")
            .WithDescription("Latency percentiles are numpy's linear ones while every record of the period is held raw, otherwise a sketch's; `percentiles` says which.")
            .WithIntegerQuery("minutes", minutesDoc, 1, retention, 60)
            .WithSegmentQuery()
            .Produces<VersionSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        models.MapGet("/{model}/versions/{version}/timeseries", GetTimeSeries)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The summary's figures per time step, for charts")
            .WithDescription("Points are oldest first, one per step, empty steps included. Steps are whole multiples of the bucket width (10 s for the last hour, 5 min before).")
            .WithIntegerQuery("minutes", minutesDoc, 1, retention, 60)
            .WithIntegerQuery("step", "Width of one point, in seconds", fineStep, retention * 60, 60)
            .WithChangePointQuery()
            .WithSegmentQuery()
            .Produces<VersionTimeSeries>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> ListModels(IGrainFactory grains)
    {
        var registered = await grains.GetGrain<IModelRegistryGrain>(0).GetModels();
        var listing = await Task.WhenAll(registered.Select(async m => new ModelListing(
            m.Model,
            await Task.WhenAll(m.Versions.Select(v => grains.GetGrain<IModelVersionGrain>(VersionKey.Of(m.Model, v)).GetHealth())))));
        return TypedResults.Ok(new ModelList(listing));
    }

    private static async Task<IResult> GetSummary(
        string model, string version, string? minutes, string? segment, VersionRouter router, IGrainFactory grains, IOptions<VersionWindowOptions> windows)
    {
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, RetentionMinutes(windows), out var m, out var problem)
            || !SegmentQuery.TryParse(segment, out var one, out problem))
        {
            return problem!;
        }

        if (!await router.IsKnownAsync(model, version))
        {
            return Problems.UnknownVersion(model, version);
        }

        var grain = grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
        if (one is not null)
        {
            return await SegmentQuery.CheckAsync(grain, one) ?? TypedResults.Ok(await grain.GetSegmentSummary(one, m));
        }

        return TypedResults.Ok(await grain.GetSummary(m));
    }

    private static async Task<IResult> GetTimeSeries(
        string model, string version, string? minutes, string? step, [FromQuery(Name = TimeSeriesChangePointQuery.Name)] string? changePoints,
        string? segment, VersionRouter router, IGrainFactory grains, IOptions<VersionWindowOptions> windows)
    {
        var retention = RetentionMinutes(windows);
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, retention, out var m, out var problem)
            || !QueryParameters.TryInt(step, "step", 60, (int)windows.Value.FineBucket.TotalSeconds, retention * 60, out var s, out problem)
            || !TimeSeriesChangePointQuery.TryParse(changePoints, out var withChanges, out problem)
            || !SegmentQuery.TryParse(segment, out var one, out problem))
        {
            return problem!;
        }

        if (!await router.IsKnownAsync(model, version))
        {
            return Problems.UnknownVersion(model, version);
        }

        if (one is not null)
        {
            var grain = grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
            return await SegmentQuery.CheckAsync(grain, one) ?? TypedResults.Ok(await grain.GetSegmentTimeSeries(one, m, s));
        }

        return TypedResults.Ok(TimeSeriesChangePointQuery.Apply(await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).GetTimeSeries(m, s), withChanges));
    }

    private static int RetentionMinutes(IOptions<VersionWindowOptions> windows) => (int)windows.Value.Retention.TotalMinutes;

    public sealed record ModelList(IReadOnlyList<ModelListing> Models);

    public sealed record ModelListing(string Model, IReadOnlyList<VersionHealth> Versions);
}

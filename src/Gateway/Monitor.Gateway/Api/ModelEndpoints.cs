using Microsoft.Extensions.Options;
using Monitor.Gateway.Routing;
using Monitor.Grains.Models;
using Monitor.Grains.Versions;
using Monitor.Grains.Windows;

namespace Monitor.Gateway.Api;

/// <summary>Read side of models and versions: listing, summaries and time series.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/models").WithTags("Models");
        models.MapGet("/", ListModels)
            .WithSummary("Models and their versions, each with a one-line health");
        models.MapGet("/{model}/versions/{version}/summary", GetSummary)
            .WithSummary("A version's figures over the last N minutes (the Python baseline's summary and more)");
        models.MapGet("/{model}/versions/{version}/timeseries", GetTimeSeries)
            .WithSummary("The summary's figures per time step, for charts");
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
        string model, string version, string? minutes, VersionRouter router, IGrainFactory grains, IOptions<VersionWindowOptions> windows)
    {
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, RetentionMinutes(windows), out var m, out var problem))
        {
            return problem!;
        }

        if (!await router.IsKnownAsync(model, version))
        {
            return Problems.UnknownVersion(model, version);
        }

        return TypedResults.Ok(await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).GetSummary(m));
    }

    private static async Task<IResult> GetTimeSeries(
        string model, string version, string? minutes, string? step, VersionRouter router, IGrainFactory grains, IOptions<VersionWindowOptions> windows)
    {
        var retention = RetentionMinutes(windows);
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, retention, out var m, out var problem)
            || !QueryParameters.TryInt(step, "step", 60, (int)windows.Value.FineBucket.TotalSeconds, retention * 60, out var s, out problem))
        {
            return problem!;
        }

        if (!await router.IsKnownAsync(model, version))
        {
            return Problems.UnknownVersion(model, version);
        }

        return TypedResults.Ok(await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).GetTimeSeries(m, s));
    }

    private static int RetentionMinutes(IOptions<VersionWindowOptions> windows) => (int)windows.Value.Retention.TotalMinutes;

    public sealed record ModelList(IReadOnlyList<ModelListing> Models);

    public sealed record ModelListing(string Model, IReadOnlyList<VersionHealth> Versions);
}

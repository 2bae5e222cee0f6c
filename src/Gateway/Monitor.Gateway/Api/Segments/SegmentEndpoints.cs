using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Security;
using Monitor.Grains;
using Monitor.Grains.Segments;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api.Segments;

/// <summary>A version's segments: its segment keys and K, and every segment's health, most severe first.</summary>
public static class SegmentEndpoints
{
    private const int MaxMinutes = 24 * 60;

    public static IEndpointRouteBuilder MapSegmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models/{model}/versions/{version}/segments").WithTags("Segments");
        group.MapGet("/", GetSegments)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The version's segment keys and K, and each segment's health (traffic, success rate, p95 latency, drift), most severe first")
            .WithDescription("Severity: 3 drifted, 2 success rate below 95%, 1 drift not judged yet (too few records, or the segment's own reference still being captured), 0 well.")
            .WithIntegerQuery("minutes", "The period of the traffic and success figures, in minutes (at most the segment span, Monitor:Segments:Span)", 1, MaxMinutes, 60)
            .Produces<SegmentListing>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", PutSegments)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Declare the version's segment keys (feature or tag names) and K, the values per key that are segments of their own")
            .DocumentsBody("JSON {\"keys\": [\"country\", \"device\"], \"top_k\": 20}: keys are feature names (tags the model-server adapters bring are features too); top_k defaults to 20", "application/json")
            .Produces<SegmentSettings>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> GetSegments(string model, string version, string? minutes, VersionTargets targets, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, MaxMinutes, out var m, out var problem))
        {
            return problem!;
        }

        if (await targets.RequireAsync(model, version) is { } unknown)
        {
            return unknown;
        }

        return TypedResults.Ok(await Grain(grains, model, version).GetSegments(m));
    }

    private static async Task<IResult> PutSegments(string model, string version, HttpContext context, VersionTargets targets, IGrainFactory grains)
    {
        var (document, unreadable) = await StrictJson.ReadAsync<SegmentSettingsDocument>(context, SegmentSettingsDocument.MaxBytes);
        if (document is null)
        {
            return unreadable!;
        }

        if (await targets.EnsureAsync(model, version) is { } problem)
        {
            return problem;
        }

        var change = await Grain(grains, model, version).SetSegmentSettings(document.ToSettings());
        return change.Accepted ? TypedResults.Ok(change.Settings) : Problems.Fields(change.Problems);
    }

    private static IModelVersionGrain Grain(IGrainFactory grains, string model, string version) =>
        grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
}

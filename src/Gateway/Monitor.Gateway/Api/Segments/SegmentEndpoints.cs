using System.Text.Json;
using System.Text.Json.Serialization;
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
        if (await RequestBody.ReadAsync(context, 64 * 1024) is not { } body)
        {
            return Problems.Field("body", "larger than 64 KB; segment settings are small", StatusCodes.Status413PayloadTooLarge);
        }

        var json = BodyText.WithoutBom(body.Buffer.AsSpan(0, body.Length));
        if ((BodyText.Utf8Problem(json) ?? BodyText.JsonProblem(json)) is { } unreadable)
        {
            return Problems.Field("body", unreadable);
        }

        SegmentSettingsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SegmentSettingsDocument>(json, MonitorJson.Options);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            var reason = e.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "is not a segment setting; the settings are keys and top_k"
                : field == "body" ? "must be a JSON object such as {\"keys\": [\"country\"], \"top_k\": 20}"
                : "has a value of the wrong type: keys is a list of names, top_k a whole number";
            return Problems.Field(field, reason);
        }

        if (document?.Keys is null)
        {
            return Problems.Field("keys", "required: the segment keys, a list of feature or tag names such as [\"country\", \"device\"] ([] for none)");
        }

        if (document.Keys.Any(k => k is null))
        {
            return Problems.Field("keys", "every key must be a name, not null");
        }

        if (await targets.EnsureAsync(model, version) is { } problem)
        {
            return problem;
        }

        var change = await Grain(grains, model, version).SetSegmentSettings(new SegmentSettings { Keys = document.Keys.Select(k => k!).ToArray(), TopK = document.TopK ?? SegmentSettings.None.TopK });
        return change.Accepted ? TypedResults.Ok(change.Settings) : Problems.Fields(change.Problems);
    }

    private static IModelVersionGrain Grain(IGrainFactory grains, string model, string version) =>
        grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));

    /// <summary>The body of PUT .../segments: unknown fields refused.</summary>
    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed record SegmentSettingsDocument(string?[]? Keys, int? TopK);
}

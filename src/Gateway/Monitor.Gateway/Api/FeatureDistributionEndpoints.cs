using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Security;
using Monitor.Grains.Drift;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>One feature's reference and current-window distributions, for drawing one over the other (the dashboard, review reports).</summary>
public static class FeatureDistributionEndpoints
{
    private const int DefaultBins = 20;
    private const int DefaultTop = 20;

    public static IEndpointRouteBuilder MapFeatureDistributionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models/{model}/versions/{version}/drift/features/{feature}/distribution", GetDistribution)
            .RequireAuthorization(ApiPolicies.Read)
            .WithTags("Drift")
            .WithSummary("One feature's reference and current-window (last W records) distributions: shared bins and ECDF points for numbers, counts per category for categories")
            .WithDescription("The feature is named as in the reference (URL-encoded; a '/' in a name may be sent as %2F). "
                + "Numeric: histogram.edges (bin i holds [edges[i], edges[i+1]), the last bin closed; one bin per whole number for whole-number features spanning fewer values than ?bins), "
                + "histogram.reference_counts and current_counts, and ecdf.reference / ecdf.current as step points x, p (share at or below x). "
                + "Categorical: categories (value, reference and current counts, in_reference), most frequent first by the larger share, and other (the rest summed). "
                + "reference and current give the sample sizes; current.from and current.to the window's record times.")
            .WithIntegerQuery("bins", "Bins for a numeric feature", FeatureDistributionReader.MinBins, FeatureDistributionReader.MaxBins, DefaultBins)
            .WithIntegerQuery("top", "Categories listed for a categorical feature; the rest are summed in other", 1, FeatureDistributionReader.MaxTop, DefaultTop)
            .Produces<FeatureDistribution>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> GetDistribution(string model, string version, string feature, string? bins, string? top, VersionTargets targets, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(bins, "bins", DefaultBins, FeatureDistributionReader.MinBins, FeatureDistributionReader.MaxBins, out var binCount, out var problem)
            || !QueryParameters.TryInt(top, "top", DefaultTop, 1, FeatureDistributionReader.MaxTop, out var topCount, out problem))
        {
            return problem!;
        }

        if (await targets.RequireAsync(model, version) is { } unknown)
        {
            return unknown;
        }

        var grain = grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
        var query = new DistributionQuery { Feature = feature, Bins = binCount, Top = topCount };
        var lookup = await grain.GetFeatureDistribution(query);

        // Routing leaves an encoded '/' (%2F) encoded: a name with a slash is tried decoded when it is not found as sent.
        if (lookup is { HasReference: true, Distribution: null } && feature.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            lookup = await grain.GetFeatureDistribution(query with { Feature = feature.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) });
        }

        if (!lookup.HasReference)
        {
            return Problems.Field("reference",
                $"{model}/{version} has no reference to compare with; set one with PUT .../reference (JSON or CSV), POST .../reference/capture?records=N or POST .../reference/copy?from=VERSION",
                StatusCodes.Status409Conflict);
        }

        return lookup.Distribution is { } distribution
            ? TypedResults.Ok(distribution)
            : Problems.Field("feature",
                $"the reference of {Problems.Shown(model)}/{Problems.Shown(version)} has no feature '{Problems.Shown(feature)}'; its features are {Names(lookup.Features)}",
                StatusCodes.Status404NotFound);
    }

    private static string Names(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return "none";
        }

        var shown = string.Join(", ", names.Take(10).Select(Problems.Shown));
        return names.Count > 10 ? $"{shown} and more" : shown;
    }
}

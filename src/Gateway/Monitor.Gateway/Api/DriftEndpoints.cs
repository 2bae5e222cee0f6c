using Microsoft.Extensions.Options;
using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.Api.Segments;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Security;
using Monitor.Grains;
using Monitor.Grains.Drift;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>A version's drift: the report on its feature window now, its history, and its settings.</summary>
public static class DriftEndpoints
{
    // A week of history at most can be asked for; the history itself holds Monitor:Drift:HistoryLength evaluations.
    private const int MaxHistoryMinutes = 7 * 24 * 60;

    public static IEndpointRouteBuilder MapDriftEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models/{model}/versions/{version}/drift").WithTags("Drift");
        group.MapGet("/", GetDrift)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Drift report: the feature window (last W records) against the reference, evaluated now")
            .WithSegmentQuery()
            .Produces<VersionDriftReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/history", GetHistory)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Drift over time: the timer's evaluations and each feature's verdict figures, for charts (?minutes=60)")
            .WithIntegerQuery("minutes", "How far back to look, in minutes", 1, MaxHistoryMinutes, 60)
            .Produces<DriftHistory>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/settings", GetSettings)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("How the version judges drift: alpha, correction, minimum sample, test overrides and thresholds")
            .Produces<DriftSettings>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/settings", PutSettings)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Replace the version's drift settings (fields left out take their defaults)")
            .DocumentsBody(
                "JSON with any of: alpha, correction (bonferroni, benjamini_hochberg, none), minimum_sample_size, numeric_test, categorical_test, "
                + "feature_tests {feature: test}, psi_threshold, jensen_shannon_threshold, wasserstein_threshold, ks_method (auto, exact, asymptotic), "
                + "multivariate {enabled, variance_to_keep, reference_chunks, lower_standard_deviations, upper_standard_deviations}",
                "application/json")
            .Produces<DriftSettings>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> GetDrift(string model, string version, string? segment, VersionTargets targets, IGrainFactory grains)
    {
        if (!SegmentQuery.TryParse(segment, out var one, out var illFormed))
        {
            return illFormed!;
        }

        if (await targets.RequireAsync(model, version) is { } problem)
        {
            return problem;
        }

        var grain = Grain(grains, model, version);
        if (one is not null && await SegmentQuery.CheckAsync(grain, one) is { } unknown)
        {
            return unknown;
        }

        var report = one is null ? await grain.EvaluateDrift() : await grain.EvaluateSegmentDrift(one);
        if (one is not null && report is null && await grain.GetReference() is not null)
        {
            return Problems.Field("segment",
                $"{one} has no reference yet: the version's reference has no rows of it, and its own is taken from its first records once the version's recent window holds enough of them (Monitor:Segments:CaptureRecords)",
                StatusCodes.Status409Conflict);
        }

        return report is null
            ? Problems.Field("reference",
                $"{model}/{version} has no reference to compare with; set one with PUT .../reference (JSON or CSV), POST .../reference/capture?records=N or POST .../reference/copy?from=VERSION",
                StatusCodes.Status409Conflict)
            : TypedResults.Ok(report);
    }

    private static async Task<IResult> GetHistory(string model, string version, string? minutes, VersionTargets targets, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(minutes, "minutes", 60, 1, MaxHistoryMinutes, out var m, out var problem))
        {
            return problem!;
        }

        if (await targets.RequireAsync(model, version) is { } unknown)
        {
            return unknown;
        }

        return TypedResults.Ok(await Grain(grains, model, version).GetDriftHistory(m));
    }

    private static async Task<IResult> GetSettings(string model, string version, VersionTargets targets, IGrainFactory grains)
    {
        if (await targets.RequireAsync(model, version) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await Grain(grains, model, version).GetDriftSettings());
    }

    private static async Task<IResult> PutSettings(string model, string version, HttpContext context, VersionTargets targets, IGrainFactory grains,
        IOptions<VersionDriftOptions> options)
    {
        var (document, unreadable) = await StrictJson.ReadAsync<DriftSettingsDocument>(context);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (await targets.EnsureAsync(model, version) is { } problem)
        {
            return problem;
        }

        var change = await Grain(grains, model, version).SetDriftSettings(document!.ToSettings(options.Value.Defaults.ToSettings()));
        return change.Accepted ? TypedResults.Ok(change.Settings) : Problems.Fields(change.Problems);
    }

    private static IModelVersionGrain Grain(IGrainFactory grains, string model, string version) =>
        grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));

    /// <summary>The body of PUT .../drift/settings: every field optional, unknown fields refused.</summary>
    public sealed record DriftSettingsDocument
    {
        public double? Alpha { get; init; }
        public string? Correction { get; init; }
        public int? MinimumSampleSize { get; init; }
        public string? NumericTest { get; init; }
        public string? CategoricalTest { get; init; }
        public Dictionary<string, string>? FeatureTests { get; init; }
        public double? PsiThreshold { get; init; }
        public double? JensenShannonThreshold { get; init; }
        public double? WassersteinThreshold { get; init; }
        public string? KsMethod { get; init; }

        public MultivariateSettingsDocument? Multivariate { get; init; }

        /// <summary>The settings, with the fields left out taken from <paramref name="defaults"/> (the installation's).</summary>
        public DriftSettings ToSettings(DriftSettings defaults)
        {
            return new DriftSettings
            {
                Alpha = Alpha ?? defaults.Alpha,
                Correction = Correction ?? defaults.Correction,
                MinimumSampleSize = MinimumSampleSize ?? defaults.MinimumSampleSize,
                NumericTest = NumericTest ?? defaults.NumericTest,
                CategoricalTest = CategoricalTest ?? defaults.CategoricalTest,
                FeatureTests = FeatureTests ?? new Dictionary<string, string>(),
                PsiThreshold = PsiThreshold ?? defaults.PsiThreshold,
                JensenShannonThreshold = JensenShannonThreshold ?? defaults.JensenShannonThreshold,
                WassersteinThreshold = WassersteinThreshold ?? defaults.WassersteinThreshold,
                KsMethod = KsMethod ?? defaults.KsMethod,
                Multivariate = Multivariate?.ToSettings(defaults.Multivariate) ?? defaults.Multivariate,
            };
        }
    }
}

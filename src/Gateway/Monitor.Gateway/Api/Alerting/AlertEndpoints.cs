using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains.Alerting;
using Monitor.Grains.Models;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>GET /v1/alerts (firing now), /v1/alerts/history, and a version's rule states.</summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/v1/alerts").WithTags("Alerts");
        alerts.MapGet("/", Firing)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Alerts firing now, silenced and inhibited ones marked (filter with ?model=)")
            .Produces<AlertList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        alerts.MapGet("/history", History)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Recent alert events, newest first: firing, resolved, silenced, inhibited, unmuted")
            .Produces<HistoryList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/v1/models/{model}/versions/{version}/alerts", RuleStates)
            .RequireAuthorization(ApiPolicies.Read)
            .WithTags("Alerts")
            .WithSummary("The state of every rule that applies to the version: inactive, pending or firing, with its last value")
            .Produces<RuleStateList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Firing(string? model, IGrainFactory grains)
    {
        var models = await Models(model, grains);
        if (models is null)
        {
            return UnknownModel(model!);
        }

        var firing = await Task.WhenAll(models.Select(m => grains.GetGrain<IModelAlertsGrain>(m).GetAlerts()));
        return TypedResults.Ok(new AlertList([.. firing.SelectMany(a => a).OrderBy(a => a.Alert.StartsAt).Select(AlertView.From)]));
    }

    private static async Task<IResult> History(string? model, string? limit, IGrainFactory grains)
    {
        if (!QueryParameters.TryInt(limit, "limit", 100, 1, 10_000, out var max, out var problem))
        {
            return problem!;
        }

        var models = await Models(model, grains);
        if (models is null)
        {
            return UnknownModel(model!);
        }

        var events = await Task.WhenAll(models.Select(m => grains.GetGrain<IModelAlertsGrain>(m).GetHistory()));
        return TypedResults.Ok(new HistoryList(
        [
            .. events.SelectMany(e => e).OrderByDescending(e => e.Time).Take(max).Select(e => new HistoryEntry(
                e.Time, e.Event, e.Fingerprint, e.Labels.ToDictionary(), double.IsNaN(e.Value) ? null : e.Value, e.Summary)),
        ]));
    }

    private static async Task<IResult> RuleStates(string model, string version, VersionRouter router, IGrainFactory grains)
    {
        if (!await router.IsKnownAsync(model, version))
        {
            return Problems.UnknownVersion(model, version);
        }

        return TypedResults.Ok(new RuleStateList(await grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version)).GetRuleStates()));
    }

    /// <summary>The model asked for, or every model; null when the model asked for is not known.</summary>
    private static async Task<IEnumerable<string>?> Models(string? model, IGrainFactory grains)
    {
        var known = (await grains.GetGrain<IModelRegistryGrain>(0).GetModels()).Select(m => m.Model).ToList();
        return model is null ? known : known.Contains(model) ? [model] : null;
    }

    private static IResult UnknownModel(string model) =>
        Problems.Field("model", $"no model '{model}'; send a record for it first", StatusCodes.Status404NotFound);

    public sealed record AlertList(IReadOnlyList<AlertView> Alerts);

    public sealed record HistoryList(IReadOnlyList<HistoryEntry> Events);

    public sealed record HistoryEntry(DateTimeOffset Time, string Event, string Fingerprint, Dictionary<string, string> Labels, double? Value, string? Summary);

    public sealed record RuleStateList(IReadOnlyList<RuleState> Rules);

    /// <summary>An alert firing now; <c>updated_at</c> is when its version last sent it (Alertmanager's <c>updatedAt</c>).</summary>
    public sealed record AlertView(
        string Fingerprint,
        Dictionary<string, string> Labels,
        Dictionary<string, string> Annotations,
        DateTimeOffset StartsAt,
        double? Value,
        AlertStatusView Status,
        IReadOnlyList<string> Groups,
        string? GeneratorUrl,
        DateTimeOffset UpdatedAt)
    {
        public static AlertView From(ActiveAlert alert) => new(
            alert.Fingerprint,
            alert.Alert.Labels.ToDictionary(),
            alert.Alert.Annotations.ToDictionary(),
            alert.Alert.StartsAt,
            double.IsNaN(alert.Alert.Value) ? null : alert.Alert.Value,
            new AlertStatusView(alert.IsMuted ? "suppressed" : "active", alert.SilencedBy, alert.InhibitedBy),
            alert.Groups,
            alert.Alert.GeneratorUrl,
            alert.UpdatedAt);
    }

    /// <summary>Alertmanager's alert status: "active", or "suppressed" with the silences and inhibiting alerts.</summary>
    public sealed record AlertStatusView(string State, IReadOnlyList<string> SilencedBy, IReadOnlyList<string> InhibitedBy);
}

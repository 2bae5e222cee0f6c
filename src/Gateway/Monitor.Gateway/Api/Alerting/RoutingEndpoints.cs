using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.Security;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>/v1/alerts/routes: the routes (which channels get which alerts, grouped how) and inhibit rules.</summary>
public static class RoutingEndpoints
{
    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        var routes = app.MapGroup("/v1/alerts/routes").WithTags("Alert routes");
        routes.MapGet("/", Get)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The default route, the ordered routes and the inhibit rules")
            .Produces<RoutingDocument>();
        routes.MapPut("/", Put)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Replaces the routes and inhibit rules; every channel named must exist")
            .Accepts<RoutingDocument>("application/json")
            .Produces<RoutingDocument>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> Get(IGrainFactory grains) =>
        TypedResults.Ok(RoutingDocument.From((await grains.GetGrain<IAlertingConfigGrain>(0).GetConfig()).Routing));

    private static async Task<IResult> Put(HttpContext context, IGrainFactory grains)
    {
        var (document, problem) = await StrictJson.ReadAsync<RoutingDocument>(context);
        if (problem is not null)
        {
            return problem;
        }

        var config = grains.GetGrain<IAlertingConfigGrain>(0);
        var result = await config.PutRouting(document!.ToRouting());
        if (result.Problem is { } stored)
        {
            return Problems.Field(stored);
        }

        return TypedResults.Ok(RoutingDocument.From((await config.GetConfig()).Routing));
    }
}

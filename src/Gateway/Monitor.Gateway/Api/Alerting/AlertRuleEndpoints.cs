using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.Security;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>/v1/alerts/rules: create, read, replace and delete alerting rules.</summary>
public static class AlertRuleEndpoints
{
    public static IEndpointRouteBuilder MapAlertRuleEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/v1/alerts/rules").WithTags("Alert rules");
        rules.MapGet("/", List)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("Every alerting rule, the shipped defaults included")
            .Produces<RuleList>();
        rules.MapGet("/{name}", Get)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("One rule")
            .Produces<AlertRuleDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPost("/", Create)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Creates a rule; refused with the field and reason when it is not valid")
            .Accepts<AlertRuleDocument>("application/json")
            .Produces<AlertRuleDocument>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        rules.MapPut("/{name}", Replace)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Creates or replaces the named rule (enabled: false switches it off)")
            .Accepts<AlertRuleDocument>("application/json")
            .Produces<AlertRuleDocument>()
            .Produces<AlertRuleDocument>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        rules.MapDelete("/{name}", Delete)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Deletes a rule and answers it; its firing alerts resolve")
            .Produces<AlertRuleDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> List(IGrainFactory grains)
    {
        var set = await grains.GetGrain<IAlertRulesGrain>(0).GetRules();
        return TypedResults.Ok(new RuleList([.. set.Rules.Select(AlertRuleDocument.From)]));
    }

    private static async Task<IResult> Get(string name, IGrainFactory grains)
    {
        var rule = Array.Find((await grains.GetGrain<IAlertRulesGrain>(0).GetRules()).Rules, r => r.Name == name);
        return rule is null ? NotFound(name) : TypedResults.Ok(AlertRuleDocument.From(rule));
    }

    private static Task<IResult> Create(HttpContext context, IGrainFactory grains) => Write(context, grains, null);

    private static Task<IResult> Replace(string name, HttpContext context, IGrainFactory grains) => Write(context, grains, name);

    private static async Task<IResult> Write(HttpContext context, IGrainFactory grains, string? name)
    {
        var (document, problem) = await StrictJson.ReadAsync<AlertRuleDocument>(context);
        if (problem is not null)
        {
            return problem;
        }

        var (rule, refused) = document!.ToRule(name);
        if (refused is not null)
        {
            return Problems.Field(refused);
        }

        var result = await grains.GetGrain<IAlertRulesGrain>(0).Put(rule!, createOnly: name is null);
        if (result.Problem is { } stored)
        {
            return Problems.Field(stored, result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }

        var saved = Array.Find((await grains.GetGrain<IAlertRulesGrain>(0).GetRules()).Rules, r => r.Name == rule!.Name)!;
        var body = AlertRuleDocument.From(saved);
        return result.Created ? TypedResults.Created($"/v1/alerts/rules/{Uri.EscapeDataString(saved.Name)}", body) : TypedResults.Ok(body);
    }

    private static async Task<IResult> Delete(string name, IGrainFactory grains)
    {
        var rules = grains.GetGrain<IAlertRulesGrain>(0);
        var rule = Array.Find((await rules.GetRules()).Rules, r => r.Name == name);
        return rule is not null && await rules.Delete(name) ? TypedResults.Ok(AlertRuleDocument.From(rule)) : NotFound(name);
    }

    private static IResult NotFound(string name) => Problems.Field("name", $"no rule named '{name}'", StatusCodes.Status404NotFound);

    public sealed record RuleList(IReadOnlyList<AlertRuleDocument> Rules);
}

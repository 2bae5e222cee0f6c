using Monitor.Gateway.Api.Documents;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.ModelServers;
using Monitor.Gateway.Security;
using Monitor.Grains.Drift;

namespace Monitor.Gateway.Api;

/// <summary>GET, PUT and DELETE /v1/models/{model}/mapping: how a model's inference payloads become records.</summary>
public static class MappingEndpoints
{
    public static IEndpointRouteBuilder MapMappingEndpoints(this IEndpointRouteBuilder app)
    {
        var mapping = app.MapGroup("/v1/models/{model}/mapping").WithTags("Model servers");
        mapping.MapGet("/", Get)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The mapping a model's payloads are read with, and where it comes from (stored, configuration or default)")
            .Produces<MappingAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        mapping.MapPut("/", Put)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Sets how a model's KServe, Seldon, Open Inference Protocol and BentoML payloads become records; stored durably")
            .WithDescription("Every field is optional: feature_names (positional inputs), prediction_output and prediction (value, argmax, max), class_names, confidence_output and confidence (value, max), segment_input or segment_header and segment_feature, version (auto, model_version, endpoint, annotation, header, fixed) and version_key, ignored_inputs. See docs/integrations.md.")
            .Accepts<MappingDocument>("application/json")
            .Produces<MappingAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        mapping.MapDelete("/", Delete)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Removes a model's stored mapping and answers it: its payloads are read with the configured or default mapping again")
            .Produces<MappingAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Get(string model, ModelMappings mappings, PredictionParser parser)
    {
        if (ModelName(model, parser) is { } problem)
        {
            return problem;
        }

        var (mapping, source) = await mappings.Describe(model);
        return TypedResults.Ok(new MappingAnswer(model, source, MappingDocument.From(mapping)));
    }

    private static async Task<IResult> Put(string model, HttpContext context, ModelMappings mappings, PredictionParser parser)
    {
        if (ModelName(model, parser) is { } problem)
        {
            return problem;
        }

        var (body, bodyProblem) = await StrictJson.ReadAsync<MappingDocument>(context);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var problems = new List<FieldProblem>();
        var mapping = MappingValidation.ToMapping(body!, problems);
        if (mapping is null)
        {
            return Problems.Fields(problems);
        }

        await mappings.Set(model, mapping);
        return TypedResults.Ok(new MappingAnswer(model, "stored", MappingDocument.From(mapping)));
    }

    private static async Task<IResult> Delete(string model, ModelMappings mappings, PredictionParser parser)
    {
        if (ModelName(model, parser) is { } problem)
        {
            return problem;
        }

        // Answers what was removed, as the other DELETE operations do.
        var (stored, source) = await mappings.Describe(model);
        return source == "stored" && await mappings.Clear(model)
            ? TypedResults.Ok(new MappingAnswer(model, "stored", MappingDocument.From(stored)))
            : Problems.Field("model", $"model '{model}' has no stored mapping", StatusCodes.Status404NotFound);
    }

    private static IResult? ModelName(string model, PredictionParser parser)
    {
        try
        {
            VersionResolver.Name(model, "model", parser.Limits.MaxNameLength);
            return null;
        }
        catch (PayloadException ex)
        {
            return Problems.Field(ex.Field, ex.Reason);
        }
    }

    public sealed record MappingAnswer(string Model, string Source, MappingDocument Mapping);
}

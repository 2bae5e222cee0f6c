using Microsoft.Extensions.Options;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.References;
using Monitor.Gateway.Security;
using Monitor.Grains.Drift;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Api;

/// <summary>
/// A version's reference distribution: upload (JSON or CSV), capture from the next records, copy from another
/// version, describe and remove. Setting a reference registers a version that has no records yet.
/// </summary>
public static class ReferenceEndpoints
{
    private const string CopyHint = "set one with PUT .../reference (JSON or CSV), POST .../reference/capture?records=N or POST .../reference/copy?from=VERSION";

    public static IEndpointRouteBuilder MapReferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var maxRows = app.ServiceProvider.GetRequiredService<IOptions<VersionDriftOptions>>().Value.MaxReferenceRows;
        const string categoricalDoc = "Features to treat as categorical, comma-separated (e.g. numeric codes such as zip)";
        const string numericDoc = "Features to treat as numeric, comma-separated";
        var group = app.MapGroup("/v1/models/{model}/versions/{version}/reference").WithTags("Drift");
        group.MapPut("/", PutReference)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Set the version's reference: JSON {\"features\": {\"name\": [values]}} or CSV with a header row")
            .DocumentsBody(
                "JSON {\"features\": {\"name\": [numbers, strings or null]}, \"types\": {\"name\": \"numeric\"|\"categorical\"}, \"predictions\": [...], "
                + "\"confidences\": [...], \"labels\": [...], \"prediction_type\": \"numeric\"|\"categorical\"}, or CSV with a header row "
                + "(?prediction_column=, ?confidence_column= and ?label_column= name output and label columns; ?categorical=a,b&numeric=c declare types). "
                + "Labels (the rows' true classes) beside predictions and confidences calibrate the performance estimate",
                "application/json", "text/csv")
            .WithTextQuery("categorical", categoricalDoc)
            .WithTextQuery("numeric", numericDoc)
            .WithTextQuery("prediction_column", "CSV only: the column holding the model's predictions for the reference rows")
            .WithTextQuery("confidence_column", "CSV only: the column holding the model's confidences for the reference rows")
            .WithTextQuery("label_column", "CSV only: the column holding the true classes of the reference rows, which calibrate the performance estimate (CBPE)")
            .Produces<ReferenceDescription>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", GetReference)
            .RequireAuthorization(ApiPolicies.Read)
            .WithSummary("The version's reference as a schema (each feature's type, sizes and summary) and any capture under way")
            .Produces<ReferenceDescription>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/", DeleteReference)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Remove the version's reference and any capture; answers what was removed")
            .Produces<ReferenceDescription>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/capture", Capture)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Take the version's next N records as its reference (?records=N; types with ?categorical=a,b&numeric=c)")
            .WithIntegerQuery("records", "How many of the version's next records become its reference", 1, maxRows, 1000)
            .WithTextQuery("categorical", categoricalDoc)
            .WithTextQuery("numeric", numericDoc)
            .Produces<ReferenceDescription>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPost("/copy", Copy)
            .RequireAuthorization(ApiPolicies.Admin)
            .WithSummary("Copy the reference of another version (?from=VERSION, optionally &from_model=MODEL): its features, and its outputs with ?outputs=true")
            .WithTextQuery("from", "The version whose reference to copy")
            .WithTextQuery("from_model", "The model of that version, when it is another model")
            .WithTextQuery("outputs", "true to copy the source's model outputs (predictions, confidences) too, so this version's outputs are "
                + "compared with them; false (the default) copies the features only, since another version's outputs are not this one's")
            .Produces<ReferenceDescription>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> PutReference(
        string model, string version, string? categorical, string? numeric,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "prediction_column")] string? predictionColumn,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "confidence_column")] string? confidenceColumn,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "label_column")] string? labelColumn,
        HttpContext context, VersionTargets targets, IGrainFactory grains, IOptions<VersionDriftOptions> options)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        var csv = contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && contentType.Length > 0)
        {
            return Problems.Field("Content-Type", $"must be application/json or text/csv, got '{contentType}'", StatusCodes.Status415UnsupportedMediaType);
        }

        var (declared, refusal) = await DeclaredFor(targets, model, version, categorical, numeric);
        if (refusal is not null)
        {
            return refusal;
        }

        var limit = options.Value.MaxReferenceBytes;
        if (await RequestBody.ReadAsync(context, limit) is not { } body)
        {
            return Problems.Field("body", $"larger than the limit of {limit:N0} bytes (Monitor:Drift:MaxReferenceBytes); send a sample of the reference",
                StatusCodes.Status413PayloadTooLarge);
        }

        if (body.Length == 0)
        {
            return Problems.Field("body", "the reference is empty; send JSON {\"features\": {\"name\": [values]}} or CSV with a header row");
        }

        // A byte order mark is skipped; bytes that are not UTF-8 would become U+FFFD categories, so they are refused.
        var text = BodyText.WithoutBom(body.Buffer.AsSpan(0, body.Length));
        if (BodyText.Utf8Problem(text) is { } notUtf8)
        {
            return Problems.Field("body", notUtf8);
        }

        var limits = ReferenceLimits.Of(options.Value);
        var upload = csv
            ? ReferenceCsvReader.Read(body.Buffer, body.Length, declared, new OutputColumnNames(predictionColumn, confidenceColumn, labelColumn), limits)
            : ReferenceJsonReader.Read(text, declared, limits);
        if (upload.Reference is not { } reference)
        {
            return Problems.Fields(upload.Problems, upload.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }

        if (ReferenceRules.Check(reference, options.Value) is { } refused)
        {
            return Refused(refused);
        }

        var change = await Grain(grains, model, version).SetReference(reference);
        return change.Accepted ? TypedResults.Ok(change.Reference) : Refused(change);
    }

    private static async Task<IResult> GetReference(string model, string version, VersionTargets targets, IGrainFactory grains)
    {
        if (await targets.RequireAsync(model, version) is { } problem)
        {
            return problem;
        }

        var description = await Grain(grains, model, version).GetReference();
        return description is null
            ? Problems.Field("reference", $"{model}/{version} has no reference; {CopyHint}", StatusCodes.Status404NotFound)
            : TypedResults.Ok(description);
    }

    private static async Task<IResult> DeleteReference(string model, string version, VersionTargets targets, IGrainFactory grains)
    {
        if (await targets.RequireAsync(model, version) is { } problem)
        {
            return problem;
        }

        return await Grain(grains, model, version).DeleteReference() is { } removed
            ? TypedResults.Ok(removed)
            : Problems.Field("reference", $"{model}/{version} has no reference", StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Capture(
        string model, string version, string? records, string? categorical, string? numeric,
        VersionTargets targets, IGrainFactory grains, IOptions<VersionDriftOptions> options)
    {
        var max = options.Value.MaxReferenceRows;
        if (string.IsNullOrEmpty(records))
        {
            return Problems.Field("records", $"required: how many of the next records become the reference (1 to {max:N0})");
        }

        if (!long.TryParse(records, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return Problems.Field("records", $"must be a whole number from 1 to {max:N0}, got '{(records.Length <= 40 ? records : records[..40] + "…")}'");
        }

        if (n > max)
        {
            return Problems.Field("records", $"{n:N0} is more than the {max:N0} rows a reference may have (Monitor:Drift:MaxReferenceRows)",
                StatusCodes.Status413PayloadTooLarge);
        }

        var (declared, refusal) = await DeclaredFor(targets, model, version, categorical, numeric);
        if (refusal is not null)
        {
            return refusal;
        }

        var change = await Grain(grains, model, version).CaptureReference(new CaptureRequest { Records = (int)n, DeclaredTypes = declared });
        return change.Accepted ? TypedResults.Json(change.Reference, statusCode: StatusCodes.Status202Accepted) : Refused(change);
    }

    private static async Task<IResult> Copy(
        string model, string version, string? from, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "from_model")] string? fromModel,
        string? outputs, VersionTargets targets, IGrainFactory grains)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrEmpty(from))
        {
            problems.Add(new FieldProblem("from", "required: the version whose reference to copy, e.g. ?from=v1 (and &from_model=MODEL for another model's)"));
        }

        var copyOutputs = false;
        if (outputs is not null && !bool.TryParse(outputs.Trim(), out copyOutputs))
        {
            problems.Add(new FieldProblem("outputs", $"must be true or false, got '{(outputs.Length <= 40 ? outputs : outputs[..40] + "…")}'"));
        }

        if (problems.Count > 0 || from is null)
        {
            return Problems.Fields(problems);
        }

        var sourceModel = string.IsNullOrEmpty(fromModel) ? model : fromModel;
        if (sourceModel == model && from == version)
        {
            return Problems.Field("from", "is this version itself; name another version");
        }

        if (!await IsKnown(targets, sourceModel, from))
        {
            return Problems.Field("from", $"model '{sourceModel}' has no version '{from}'", StatusCodes.Status404NotFound);
        }

        var data = await Grain(grains, sourceModel, from).GetReferenceData();
        if (data is null)
        {
            return Problems.Field("from", $"{sourceModel}/{from} has no reference to copy", StatusCodes.Status404NotFound);
        }

        if (await targets.EnsureAsync(model, version) is { } problem)
        {
            return problem;
        }

        var copy = new ReferenceData
        {
            Features = data.Features,
            // Labels only mean something beside the predictions they score, so they travel with the outputs.
            Predictions = copyOutputs ? data.Predictions : null,
            Confidences = copyOutputs ? data.Confidences : null,
            Labels = copyOutputs ? data.Labels : null,
            Source = "copy",
            CopiedFrom = VersionKey.Of(sourceModel, from),
            OutputsLeftOut = !copyOutputs && (data.Predictions is not null || data.Confidences is not null || data.Labels is not null),
        };
        var change = await Grain(grains, model, version).SetReference(copy);
        return change.Accepted ? TypedResults.Ok(change.Reference) : Refused(change);
    }

    /// <summary>The declared feature types, once they are valid and the version exists (registered if new).</summary>
    private static async Task<(Dictionary<string, FeatureType> Declared, IResult? Refusal)> DeclaredFor(
        VersionTargets targets, string model, string version, string? categorical, string? numeric)
    {
        var problems = new List<FieldProblem>();
        var declared = new Dictionary<string, FeatureType>(StringComparer.Ordinal);
        if (!DeclaredTypes.TryRead(categorical, numeric, declared, problems))
        {
            return (declared, Problems.Fields(problems));
        }

        return (declared, await targets.EnsureAsync(model, version));
    }

    private static async Task<bool> IsKnown(VersionTargets targets, string model, string version) =>
        await targets.RequireAsync(model, version) is null;

    private static IResult Refused(ReferenceChange change) =>
        Problems.Fields(change.Problems, change.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);

    private static IModelVersionGrain Grain(IGrainFactory grains, string model, string version) =>
        grains.GetGrain<IModelVersionGrain>(VersionKey.Of(model, version));
}

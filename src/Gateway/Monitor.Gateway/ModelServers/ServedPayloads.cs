using Microsoft.Extensions.Options;
using Monitor.Gateway.Ingest;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads request and response bodies into the join's halves under their model's mapping, checking what
/// becomes grain keys and ids. Shared by the CloudEvents endpoints, Open Inference Protocol pairs and BentoML lines.
/// </summary>
public sealed class ServedPayloads(ModelMappings mappings, IOptions<IngestLimits> ingestLimits, IOptions<ModelServerOptions> options, TimeProvider time)
{
    private readonly IngestLimits _limits = ingestLimits.Value;

    public PayloadLimits Limits { get; } = new(
        options.Value.MaxValuesPerPayload,
        ingestLimits.Value.MaxRecordsPerRequest,
        ingestLimits.Value.MaxFeaturesPerRecord,
        ingestLimits.Value.MaxFeatureTextLength,
        ingestLimits.Value.MaxNameLength,
        ingestLimits.Value.MaxIdLength);

    public ValueTask<ModelMapping> Mapping(string model) => mappings.Get(model);

    public string ModelName(string? fromEvent, string? fromPayload, string field) =>
        VersionResolver.Name(
            fromEvent ?? fromPayload ?? throw new PayloadException(field, "required: the model's name (or the payload's model_name)"),
            fromEvent is not null ? field : "model_name",
            _limits.MaxNameLength);

    public ServedRequest Request(
        string source, string joinId, string model, string recordId, double? timeMs, InferencePayload payload, ModelMapping mapping, VersionHints hints)
    {
        var segment = mapping.SegmentHeader is { } header && hints.Headers?.TryGetValue(header, out var tag) == true ? tag : null;
        var features = FeatureTable.Build(payload, mapping, segment, Limits, _limits.MaxFeatureNameLength);
        var baseId = payload.Id ?? recordId;
        if (baseId.Length == 0 || baseId.Length > _limits.MaxIdLength - 6 || baseId.Any(char.IsControl))
        {
            throw new PayloadException(payload.Id is null ? "ce-id" : "id", $"a prediction id base is 1 to {_limits.MaxIdLength - 6} characters without control characters (the row index is appended)");
        }

        var request = new ServedRequest(source, Key(source, model, joinId), model, baseId, Time(timeMs), features, CheckedVersion(payload.ModelVersion), hints, mapping);

        // A version taken from the event itself is checked now, so a bad one refuses this event rather than a later one.
        VersionResolver.Resolve(mapping, payload.ModelVersion, hints, _limits.MaxNameLength);
        return request;
    }

    public ServedResponse Response(string source, string joinId, string model, double? timeMs, InferencePayload payload, ModelMapping mapping) =>
        new(source, Key(source, model, joinId), model, Time(timeMs), PredictionTable.Build(payload, mapping), CheckedVersion(payload.ModelVersion), payload.Id);

    private string? CheckedVersion(string? version) =>
        string.IsNullOrEmpty(version) ? null : VersionResolver.Name(version, "model_version", _limits.MaxNameLength);

    /// <summary>The event's own time when it is within what the versions keep, else the time it arrived.</summary>
    private double Time(double? timeMs)
    {
        var now = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        return timeMs is { } t && t <= now + _limits.MaxFutureSkew.TotalMilliseconds && t >= now - _limits.MaxTimestampAge.TotalMilliseconds
            ? t
            : now;
    }

    private static string Key(string source, string model, string joinId) => string.Concat(source, "\n", model, "\n", joinId);
}

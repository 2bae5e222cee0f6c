using System.Text.Json;
using CloudNative.CloudEvents;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// What a KServe or Seldon CloudEvent means: KServe's logger sends org.kubeflow.serving.inference.request and
/// .response sharing ce-id, with ce-inferenceservicename, ce-endpoint, ce-metadata and ce-annotations; Seldon
/// Core v1's executor sends io.seldon.serving.inference.request, .response and io.seldon.serving.feedback,
/// each with its own ce-id, sharing ce-requestid (the puid), with ce-modelid and ce-endpoint (the predictor).
/// </summary>
public static class ServedEventInterpreter
{
    public const string KServeSource = "kserve";
    public const string SeldonSource = "seldon";

    private const string KServeRequest = "org.kubeflow.serving.inference.request";
    private const string KServeResponse = "org.kubeflow.serving.inference.response";
    private const string SeldonRequest = "io.seldon.serving.inference.request";
    private const string SeldonResponse = "io.seldon.serving.inference.response";
    private const string SeldonFeedback = "io.seldon.serving.feedback";

    public static ModelServerEvent KServe(CloudEvent cloudEvent)
    {
        var kind = cloudEvent.Type switch
        {
            KServeRequest => ServedEventKind.Request,
            KServeResponse => ServedEventKind.Response,
            _ => throw new PayloadException("ce-type", $"'{cloudEvent.Type}' is not a KServe inference event ({KServeRequest} or {KServeResponse})"),
        };

        var headers = Metadata(CloudEventReader.Text(cloudEvent, "metadata"));
        return new ModelServerEvent
        {
            Source = KServeSource,
            Kind = kind,
            Id = cloudEvent.Id!,
            JoinId = cloudEvent.Id!,
            RecordId = cloudEvent.Id!,
            Model = Empty(CloudEventReader.Text(cloudEvent, "inferenceservicename")),
            Endpoint = Empty(CloudEventReader.Text(cloudEvent, "endpoint")),
            TimeMs = UnixMs(cloudEvent.Time),
            Annotations = Annotations(CloudEventReader.Text(cloudEvent, "annotations")),
            Headers = headers,
            Data = CloudEventReader.DataBytes(cloudEvent),
            HeaderLength = HeaderLength(headers, "ce-metadata.Inference-Header-Content-Length"),
        };
    }

    public static ModelServerEvent Seldon(CloudEvent cloudEvent)
    {
        var kind = cloudEvent.Type switch
        {
            SeldonRequest => ServedEventKind.Request,
            SeldonResponse => ServedEventKind.Response,
            SeldonFeedback => ServedEventKind.Feedback,
            _ => throw new PayloadException("ce-type", $"'{cloudEvent.Type}' is not a Seldon event ({SeldonRequest}, {SeldonResponse} or {SeldonFeedback})"),
        };

        var requestId = Empty(CloudEventReader.Text(cloudEvent, "requestid"));
        var modelId = Empty(CloudEventReader.Text(cloudEvent, "modelid"));
        return new ModelServerEvent
        {
            Source = SeldonSource,
            Kind = kind,
            Id = cloudEvent.Id!,
            // Each node of a graph logs under the same request id: the node keeps their halves apart.
            JoinId = (requestId ?? cloudEvent.Id!) + (modelId is null ? "" : "/" + modelId),
            RecordId = requestId ?? cloudEvent.Id!,
            Model = Empty(CloudEventReader.Text(cloudEvent, "inferenceservicename")) ?? modelId,
            Endpoint = Empty(CloudEventReader.Text(cloudEvent, "endpoint")),
            TimeMs = UnixMs(cloudEvent.Time),
            Data = CloudEventReader.DataBytes(cloudEvent),
        };
    }

    internal static int? HeaderLength(IReadOnlyDictionary<string, string>? headers, string field)
    {
        if (headers is null || !headers.TryGetValue("Inference-Header-Content-Length", out var text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            ? length
            : throw new PayloadException(field, $"'{text}' is not a byte count");
    }

    private static double? UnixMs(DateTimeOffset? time) => time is { } t ? (t - DateTimeOffset.UnixEpoch).TotalMilliseconds : null;

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>ce-metadata: the forwarded headers as {"Name": ["value", ...]}; the first value of each.</summary>
    private static Dictionary<string, string>? Metadata(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "null" || json == "{}")
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in ReadObject(json, "ce-metadata"))
        {
            var first = value.ValueKind switch
            {
                JsonValueKind.Array when value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String => value[0].GetString(),
                JsonValueKind.String => value.GetString(),
                _ => null,
            };
            if (first is not null)
            {
                headers[name] = first;
            }
        }

        return headers;
    }

    /// <summary>ce-annotations: the InferenceService's annotations as {"key": "value"}.</summary>
    private static Dictionary<string, string>? Annotations(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in ReadObject(json, "ce-annotations"))
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                annotations[name] = value.GetString()!;
            }
        }

        return annotations;
    }

    private static List<(string Name, JsonElement Value)> ReadObject(string json, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PayloadException(field, "expected a JSON object");
            }

            return [.. document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.Clone()))];
        }
        catch (JsonException)
        {
            throw new PayloadException(field, "is not valid JSON");
        }
    }
}

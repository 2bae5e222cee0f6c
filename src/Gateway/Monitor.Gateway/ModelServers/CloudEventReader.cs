using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads the CloudEvents of an HTTP request with the CNCF SDK: binary mode (ce-* headers, the body is the
/// data), structured mode (application/cloudevents+json, data or data_base64) and batch mode
/// (application/cloudevents-batch+json).
/// </summary>
public static class CloudEventReader
{
    private static readonly JsonEventFormatter Formatter = new();

    public static IReadOnlyList<CloudEvent> Read(IHeaderDictionary headers, string? contentType, ReadOnlyMemory<byte> body)
    {
        try
        {
            if (contentType is not null && contentType.StartsWith("application/cloudevents-batch", StringComparison.OrdinalIgnoreCase))
            {
                return Formatter.DecodeBatchModeMessage(body, new ContentType(contentType), null);
            }

            if (contentType is not null && contentType.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase))
            {
                return [Formatter.DecodeStructuredModeMessage(body, new ContentType(contentType), null)];
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever the SDK refuses a hostile body with, it is the sender's fault: a 400, never a 500.
            throw new PayloadException("body", $"is not a valid structured CloudEvent ({ex.Message.Split(Environment.NewLine)[0]})");
        }

        return [ReadBinary(headers, contentType, body)];
    }

    private static CloudEvent ReadBinary(IHeaderDictionary headers, string? contentType, ReadOnlyMemory<byte> body)
    {
        if (!headers.TryGetValue(HttpUtilities.SpecVersionHttpHeader, out var specHeader) || specHeader.Count == 0)
        {
            throw new PayloadException("ce-specversion",
                "not a CloudEvent: send the ce-* headers (binary mode, as KServe's and Seldon's loggers do) or Content-Type application/cloudevents+json (structured mode)");
        }

        var version = CloudEventsSpecVersion.FromVersionId(HttpUtilities.DecodeHeaderValue(specHeader[0]!))
            ?? throw new PayloadException("ce-specversion", $"'{specHeader[0]}' is not a CloudEvents version this SDK knows (1.0)");
        var cloudEvent = new CloudEvent(version);
        foreach (var (name, values) in headers)
        {
            var attribute = HttpUtilities.GetAttributeNameFromHeaderName(name);
            if (attribute is null || attribute == CloudEventsSpecVersion.SpecVersionAttribute.Name || values.Count == 0)
            {
                continue;
            }

            // KServe's ce-metadata and ce-annotations are JSON: sent unencoded, their quotes are JSON's, not
            // the quoted-strings the SDK's header decoding would strip; percent-encoded ones (as this SDK sends) are decoded.
            var raw = values[0]!;
            var value = raw.StartsWith('{') || raw.StartsWith('[') ? Uri.UnescapeDataString(raw) : HttpUtilities.DecodeHeaderValue(raw);
            if (attribute == CloudEventsSpecVersion.V1_0.SourceAttribute.Name && !Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _))
            {
                // Seldon's executor sends "http://:8000/" (no host), which System.Uri refuses; it names no model or id, so it is kept escaped.
                value = Uri.EscapeDataString(value);
            }

            try
            {
                cloudEvent.SetAttributeFromString(attribute, value);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
            {
                throw new PayloadException(name.ToLowerInvariant(), ex.Message.Split(Environment.NewLine)[0]);
            }
        }

        if (!string.IsNullOrEmpty(contentType))
        {
            cloudEvent.DataContentType = contentType;
        }

        cloudEvent.Data = body.ToArray();
        if (!cloudEvent.IsValid)
        {
            var missing = cloudEvent.SpecVersion.RequiredAttributes.FirstOrDefault(a => cloudEvent[a] is null);
            throw new PayloadException(missing is null ? "ce-id" : "ce-" + missing.Name, "required CloudEvents attribute is missing");
        }

        return cloudEvent;
    }

    /// <summary>The event's data as bytes, whichever form the SDK gave it.</summary>
    public static ReadOnlyMemory<byte> DataBytes(CloudEvent cloudEvent) => cloudEvent.Data switch
    {
        null => ReadOnlyMemory<byte>.Empty,
        byte[] bytes => bytes,
        JsonElement element => Encoding.UTF8.GetBytes(element.GetRawText()),
        string text => Encoding.UTF8.GetBytes(text),
        var other => Encoding.UTF8.GetBytes(other.ToString() ?? ""),
    };

    /// <summary>An extension attribute as text (whatever type the SDK gave it).</summary>
    public static string? Text(CloudEvent cloudEvent, string name) => cloudEvent[name] switch
    {
        null => null,
        string s => s,
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
    };
}

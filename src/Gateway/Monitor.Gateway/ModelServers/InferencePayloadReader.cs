using System.Text.Json;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads a request or response body in whichever protocol it is written (V2, V1, Seldon), and splits off
/// the binary tensor data that may follow the JSON header (its length given, or found where the JSON ends).
/// </summary>
public static class InferencePayloadReader
{
    /// <param name="headerLength">Inference-Header-Content-Length, when the sender gave it.</param>
    /// <param name="prefix">Path of the body in error messages (e.g. "data.").</param>
    public static InferencePayload Read(ReadOnlyMemory<byte> body, bool response, int? headerLength, PayloadLimits limits, string prefix = "")
    {
        var json = JsonLength(body.Span, headerLength, prefix);
        using var document = Parse(body[..json], prefix);
        return Read(document.RootElement, body.Span[json..], response, limits, prefix);
    }

    public static InferencePayload Read(JsonElement root, ReadOnlySpan<byte> binary, bool response, PayloadLimits limits, string prefix)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), $"expected a JSON object, got {JsonKinds.Name(root.ValueKind)}");
        }

        var v2Key = response ? "outputs" : "inputs";
        if (V2PayloadReader.Looks(root, v2Key))
        {
            return V2PayloadReader.Read(root, v2Key, binary, limits, prefix);
        }

        if (binary.Length > 0)
        {
            throw new PayloadException(prefix + v2Key, "binary data follows the JSON, but only Open Inference Protocol tensors (with parameters.binary_data_size) can carry it");
        }

        if (SeldonPayloadReader.Looks(root))
        {
            return SeldonPayloadReader.Read(root, limits, prefix, response ? "outputs" : "inputs");
        }

        foreach (var key in response ? V1PayloadReader.ResponseKeys : V1PayloadReader.RequestKeys)
        {
            if (root.TryGetProperty(key, out _))
            {
                return V1PayloadReader.Read(root, key, limits, prefix);
            }
        }

        var expected = response
            ? "\"outputs\" (V2 tensors), \"predictions\" or \"outputs\" (V1), or \"data\" (Seldon)"
            : "\"inputs\" (V2 tensors), \"instances\" or \"inputs\" (V1), or \"data\" (Seldon)";
        throw new PayloadException(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), $"no inference {(response ? "response" : "request")} found: expected {expected}");
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json, string prefix)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new PayloadException(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), $"is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')})");
        }
    }

    /// <summary>The length of the JSON header; the binary part follows it.</summary>
    private static int JsonLength(ReadOnlySpan<byte> body, int? headerLength, string prefix)
    {
        if (headerLength is { } length)
        {
            if (length < 0 || length > body.Length)
            {
                throw new PayloadException("Inference-Header-Content-Length", $"{length} is not within the body's {body.Length} bytes");
            }

            return length;
        }

        // Without the header the JSON ends where its top-level value closes; any bytes after it are binary tensor data.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64 });
        try
        {
            if (!reader.Read() || !reader.TrySkip())
            {
                return body.Length;
            }
        }
        catch (JsonException ex)
        {
            throw new PayloadException(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'), $"is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')})");
        }

        var end = (int)reader.BytesConsumed;
        var rest = body[end..];
        return rest.TrimStart(" \t\r\n"u8).IsEmpty ? body.Length : end;
    }
}

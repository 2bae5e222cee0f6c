using System.Text.Json;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads Seldon Core v1 messages: {"data": {"names": [...], "ndarray": [[...]]}} or
/// {"data": {"names": [...], "tensor": {"shape": [...], "values": [...]}}}, or {"strData": "..."};
/// meta.puid is the prediction's id. The names, when they match the row width, name the columns.
/// </summary>
internal static class SeldonPayloadReader
{
    public static bool Looks(JsonElement root) =>
        (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && (data.TryGetProperty("ndarray", out _) || data.TryGetProperty("tensor", out _)))
        || root.TryGetProperty("strData", out _);

    public static InferencePayload Read(JsonElement root, PayloadLimits limits, string prefix, string name)
    {
        string? puid = null;
        if (root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            puid = V2PayloadReader.OptionalString(meta, "puid", prefix + "meta.");
        }

        return new InferencePayload { Protocol = PayloadProtocol.Seldon, Tensors = [ReadTensor(root, limits, prefix, name)], Id = puid };
    }

    private static Tensor ReadTensor(JsonElement root, PayloadLimits limits, string prefix, string name)
    {
        if (root.TryGetProperty("strData", out var text))
        {
            var values = limits.NewValues();
            if (text.ValueKind != JsonValueKind.String)
            {
                throw new PayloadException(prefix + "strData", $"expected a string, got {JsonKinds.Name(text.ValueKind)}");
            }

            values.AddText(text.GetString()!, prefix + "strData");
            return values.ToTensor("strData", prefix + "strData", 1, 1);
        }

        var data = root.GetProperty("data");
        var names = ReadNames(data, prefix + "data.names");
        if (data.TryGetProperty("ndarray", out var ndarray))
        {
            var path = prefix + "data.ndarray";
            if (ndarray.ValueKind != JsonValueKind.Array)
            {
                throw new PayloadException(path, $"expected an array of rows, got {JsonKinds.Name(ndarray.ValueKind)}");
            }

            var rows = ndarray.GetArrayLength();
            V1PayloadReader.CheckRows(rows, limits, path);
            return V1PayloadReader.Positional(ndarray, name, rows, limits, path, names);
        }

        var tensor = data.GetProperty("tensor");
        var tensorPath = prefix + "data.tensor";
        if (tensor.ValueKind != JsonValueKind.Object || !tensor.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !tensor.TryGetProperty("values", out var flat) || flat.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException(tensorPath, "expected {\"shape\": [...], \"values\": [...]}");
        }

        var dims = shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n) && n >= 0
            ? n
            : throw new PayloadException(tensorPath + ".shape", "dimensions are non-negative integers")).ToArray();
        var collected = limits.NewValues();
        collected.AddFlattened(flat, tensorPath + ".values");
        long expected = 1;
        foreach (var d in dims)
        {
            expected *= d;
        }

        if (collected.Count != expected)
        {
            throw new PayloadException(tensorPath + ".values", $"holds {collected.Count} values but shape [{string.Join(", ", dims)}] needs {expected}");
        }

        var rowCount = dims.Length == 0 ? 1 : dims[0];
        V1PayloadReader.CheckRows(rowCount, limits, tensorPath);
        var width = rowCount == 0 ? 0 : (int)(expected / rowCount);
        return collected.ToTensor(name, tensorPath, rowCount, width, names is not null && names.Length == width ? names : null);
    }

    private static string[]? ReadNames(JsonElement data, string path)
    {
        if (!data.TryGetProperty("names", out var names) || names.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (names.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException(path, $"expected an array of strings, got {JsonKinds.Name(names.ValueKind)}");
        }

        var result = names.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new PayloadException(path, "names are strings")).ToArray();
        return result.Length == 0 ? null : result;
    }
}

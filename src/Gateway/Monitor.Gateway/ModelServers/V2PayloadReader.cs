using System.Text.Json;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads Open Inference Protocol (V2) tensors: {"name", "shape", "datatype", "data", "parameters"}, data
/// flat or nested, row-major; BYTES as strings; binary data (parameters.binary_data_size) from the bytes
/// after the JSON header, in tensor order.
/// </summary>
internal static class V2PayloadReader
{
    public static bool Looks(JsonElement root, string key) =>
        root.TryGetProperty(key, out var tensors) && tensors.ValueKind == JsonValueKind.Array
        && tensors.GetArrayLength() > 0 && tensors[0].ValueKind == JsonValueKind.Object
        && tensors[0].TryGetProperty("datatype", out _);

    public static InferencePayload Read(JsonElement root, string key, ReadOnlySpan<byte> binary, PayloadLimits limits, string prefix)
    {
        var tensors = new List<Tensor>();
        var at = 0;
        var i = 0;
        foreach (var item in root.GetProperty(key).EnumerateArray())
        {
            var path = $"{prefix}{key}[{i++}]";
            tensors.Add(ReadTensor(item, binary, ref at, limits, path));
        }

        if (at != binary.Length)
        {
            throw new PayloadException(prefix + key, at == 0
                ? $"{binary.Length} bytes follow the JSON header but no tensor has parameters.binary_data_size"
                : $"{binary.Length - at} bytes follow the last binary tensor");
        }

        return new InferencePayload
        {
            Protocol = PayloadProtocol.V2,
            Tensors = tensors,
            ModelName = OptionalString(root, "model_name", prefix),
            ModelVersion = OptionalString(root, "model_version", prefix),
            Id = OptionalString(root, "id", prefix),
        };
    }

    private static Tensor ReadTensor(JsonElement item, ReadOnlySpan<byte> binary, ref int at, PayloadLimits limits, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException(path, $"a tensor is an object with name, shape, datatype and data, got {JsonKinds.Name(item.ValueKind)}");
        }

        var name = OptionalString(item, "name", path + ".") ?? throw new PayloadException(path + ".name", "required field is missing");
        var datatype = OptionalString(item, "datatype", path + ".") ?? throw new PayloadException(path + ".datatype", "required field is missing");
        var shape = ReadShape(item, path);
        long elements = shape.Contains(0) ? 0 : 1;
        foreach (var d in shape)
        {
            if (elements > 0 && elements > limits.MaxValues / d)
            {
                throw new PayloadException(path + ".shape", $"more than {limits.MaxValues:N0} values; send fewer rows per request or list the input in the mapping's ignored_inputs");
            }

            elements *= d == 0 ? 1 : d;
        }

        BinaryTensorReader.ElementSize(datatype, path);
        var values = limits.NewValues();
        if (BinarySize(item, path) is { } size)
        {
            if (size > binary.Length - at)
            {
                throw new PayloadException(path + ".parameters.binary_data_size", $"{size} bytes announced but only {binary.Length - at} follow the JSON header");
            }

            BinaryTensorReader.Decode(binary.Slice(at, (int)size), datatype, elements, values, path);
            at += (int)size;
        }
        else if (item.TryGetProperty("data", out var data))
        {
            values.AddFlattened(data, path + ".data");
            if (values.Count != elements)
            {
                throw new PayloadException(path + ".data", $"holds {values.Count} values but shape [{string.Join(", ", shape)}] needs {elements}");
            }
        }
        else
        {
            throw new PayloadException(path + ".data", "required field is missing (and parameters.binary_data_size is not given)");
        }

        if (shape.Length > 0 && shape[0] > limits.MaxRows)
        {
            throw new PayloadException(path + ".shape", $"{shape[0]:N0} rows exceed the limit of {limits.MaxRows:N0} records per request (Monitor:Ingest:MaxRecordsPerRequest)");
        }

        var rows = shape.Length == 0 ? 1 : (int)shape[0];
        var width = rows == 0 ? 0 : (int)(elements / rows);
        return values.ToTensor(name, path, rows, shape.Length == 0 ? 1 : width);
    }

    private static long[] ReadShape(JsonElement item, string path)
    {
        if (!item.TryGetProperty("shape", out var shape))
        {
            throw new PayloadException(path + ".shape", "required field is missing");
        }

        if (shape.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException(path + ".shape", $"expected an array of dimensions, got {JsonKinds.Name(shape.ValueKind)}");
        }

        var dims = new long[shape.GetArrayLength()];
        var k = 0;
        foreach (var d in shape.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var n) || n < 0)
            {
                throw new PayloadException(path + ".shape", $"dimension {k} is not a non-negative integer");
            }

            dims[k++] = n;
        }

        return dims;
    }

    private static long? BinarySize(JsonElement item, string path)
    {
        if (!item.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("binary_data_size", out var size))
        {
            return null;
        }

        return size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var n) && n >= 0
            ? n
            : throw new PayloadException(path + ".parameters.binary_data_size", "is not a non-negative integer");
    }

    internal static string? OptionalString(JsonElement item, string name, string prefix)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new PayloadException(prefix + name, $"expected a string, got {JsonKinds.Name(value.ValueKind)}");
    }
}

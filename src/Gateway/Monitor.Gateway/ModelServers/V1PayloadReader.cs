using System.Text.Json;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Reads KServe V1 / TensorFlow Serving bodies: instances (or inputs) and predictions (or outputs) as rows
/// (scalars, arrays, or objects whose keys are named inputs), or the columnar form {"inputs": {"a": [...]}}.
/// </summary>
internal static class V1PayloadReader
{
    public static readonly string[] RequestKeys = ["instances", "inputs"];
    public static readonly string[] ResponseKeys = ["predictions", "outputs"];

    public static InferencePayload Read(JsonElement root, string key, PayloadLimits limits, string prefix) => new()
    {
        Protocol = PayloadProtocol.V1,
        Tensors = ReadRows(root.GetProperty(key), key, limits, prefix + key),
    };

    /// <summary>Rows as one tensor (scalars or arrays), one tensor per key (objects), or columns (an object of arrays).</summary>
    public static IReadOnlyList<Tensor> ReadRows(JsonElement value, string name, PayloadLimits limits, string path)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return ReadColumns(value, limits, path);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException(path, $"expected an array of rows or an object of columns, got {JsonKinds.Name(value.ValueKind)}");
        }

        var rows = value.GetArrayLength();
        CheckRows(rows, limits, path);
        if (rows > 0 && value[0].ValueKind == JsonValueKind.Object)
        {
            return ReadObjects(value, rows, limits, path);
        }

        return [Positional(value, name, rows, limits, path)];
    }

    /// <summary>Rows of scalars or (nested) arrays, all of one width.</summary>
    public static Tensor Positional(JsonElement rowsArray, string name, int rows, PayloadLimits limits, string path, string[]? columnNames = null)
    {
        var values = limits.NewValues();
        var width = -1;
        var r = 0;
        foreach (var row in rowsArray.EnumerateArray())
        {
            var before = values.Count;
            values.AddFlattened(row, $"{path}[{r}]");
            var w = values.Count - before;
            if (width >= 0 && w != width)
            {
                throw new PayloadException($"{path}[{r}]", $"has {w} values where row 0 has {width}; rows of one input must have the same shape");
            }

            width = w;
            r++;
        }

        width = Math.Max(width, 0);
        return values.ToTensor(name, path, rows, width, columnNames is not null && columnNames.Length == width ? columnNames : null);
    }

    private static List<Tensor> ReadObjects(JsonElement value, int rows, PayloadLimits limits, string path)
    {
        // One tensor per key, in first-seen order; a row without the key has a null there.
        var keys = new List<string>();
        foreach (var row in value.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new PayloadException(path, $"rows mix objects and {JsonKinds.Name(row.ValueKind)}");
            }

            foreach (var property in row.EnumerateObject())
            {
                if (!keys.Contains(property.Name))
                {
                    if (keys.Count >= limits.MaxFeatures)
                    {
                        throw new PayloadException(path, $"rows name more than {limits.MaxFeatures} distinct keys");
                    }

                    keys.Add(property.Name);
                }
            }
        }

        var tensors = new List<Tensor>(keys.Count);
        foreach (var key in keys)
        {
            var values = limits.NewValues();
            var width = -1;
            var r = 0;
            foreach (var row in value.EnumerateArray())
            {
                var cellPath = $"{path}[{r++}].{key}";
                if (!row.TryGetProperty(key, out var cell))
                {
                    continue;
                }

                var before = values.Count;
                values.AddFlattened(cell, cellPath);
                width = values.Count - before;
                break;
            }

            values = limits.NewValues();
            r = 0;
            foreach (var row in value.EnumerateArray())
            {
                var cellPath = $"{path}[{r++}].{key}";
                if (!row.TryGetProperty(key, out var cell))
                {
                    // A row without the key has nulls there.
                    for (var k = 0; k < width; k++)
                    {
                        values.AddNull(cellPath);
                    }

                    continue;
                }

                var before = values.Count;
                values.AddFlattened(cell, cellPath);
                if (values.Count - before != width)
                {
                    throw new PayloadException(cellPath, $"has {values.Count - before} values where earlier rows have {width}");
                }
            }

            tensors.Add(values.ToTensor(key, $"{path}[].{key}", rows, width));
        }

        return tensors;
    }

    private static List<Tensor> ReadColumns(JsonElement value, PayloadLimits limits, string path)
    {
        var tensors = new List<Tensor>();
        var rows = -1;
        foreach (var column in value.EnumerateObject())
        {
            var columnPath = $"{path}.{column.Name}";
            var tensor = column.Value.ValueKind == JsonValueKind.Array
                ? Positional(column.Value, column.Name, column.Value.GetArrayLength(), limits, columnPath)
                : Scalar(column.Value, column.Name, limits, columnPath);
            if (rows >= 0 && tensor.Rows != rows)
            {
                throw new PayloadException(columnPath, $"has {tensor.Rows} rows where the first column has {rows}");
            }

            rows = tensor.Rows;
            CheckRows(rows, limits, columnPath);
            tensors.Add(tensor);
        }

        return tensors;
    }

    private static Tensor Scalar(JsonElement value, string name, PayloadLimits limits, string path)
    {
        var values = limits.NewValues();
        if (!values.TryAddScalar(value, path))
        {
            throw new PayloadException(path, $"expected an array or a scalar, got {JsonKinds.Name(value.ValueKind)}");
        }

        return values.ToTensor(name, path, 1, 1);
    }

    internal static void CheckRows(int rows, PayloadLimits limits, string path)
    {
        if (rows > limits.MaxRows)
        {
            throw new PayloadException(path, $"{rows:N0} rows exceed the limit of {limits.MaxRows:N0} records per request (Monitor:Ingest:MaxRecordsPerRequest)");
        }
    }
}

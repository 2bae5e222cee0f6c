using Monitor.Gateway.Ingest;
using Monitor.Grains.Ingest;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Turns a request's input tensors into feature columns under the model's mapping: its segment input
/// becomes a text feature, ignored inputs are dropped, elements the payload named keep their names, and
/// positional elements are named by the mapping's feature_names (or their input's name when it holds one
/// value per row, else f0..fn).
/// </summary>
public static class FeatureTable
{
    public static FeatureRows Build(InferencePayload request, ModelMapping mapping, string? segmentFromHeader, PayloadLimits limits, int maxFeatureNameLength)
    {
        var rows = request.Rows;
        foreach (var tensor in request.Tensors)
        {
            if (tensor.Rows != rows)
            {
                throw new PayloadException(tensor.Path, $"has {tensor.Rows} rows where {request.Tensors[0].Path} has {rows}; every input of a request has one value set per row");
            }
        }

        var columns = new List<FeatureColumn>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var kept = request.Tensors.Where(t => t.Name != mapping.SegmentInput && mapping.IgnoredInputs?.Contains(t.Name) != true).ToList();
        var positional = kept.Where(t => t.ColumnNames is null).Sum(t => t.Width);
        if (mapping.FeatureNames is { } given && given.Length != positional)
        {
            throw new PayloadException("mapping.feature_names", $"names {given.Length} features but the request has {positional} positional values per row");
        }

        var next = 0;
        foreach (var tensor in kept)
        {
            for (var k = 0; k < tensor.Width; k++)
            {
                var name = tensor.ColumnNames?[k]
                    ?? mapping.FeatureNames?[next++]
                    ?? (tensor.Width == 1 ? tensor.Name : "f" + next++);
                Add(columns, names, name, tensor, k, rows, limits, maxFeatureNameLength);
            }
        }

        if (mapping.SegmentInput is { } segmentInput)
        {
            var tensor = request.Tensors.FirstOrDefault(t => t.Name == segmentInput)
                ?? throw new PayloadException("mapping.segment_input", $"the request has no input '{segmentInput}' (it has {string.Join(", ", request.Tensors.Select(t => $"'{t.Name}'"))})");
            if (tensor.Width != 1)
            {
                throw new PayloadException(tensor.Path, $"the segment input holds {tensor.Width} values per row; a segment tag is one value");
            }

            columns.Add(AsText(mapping.SegmentFeature, tensor, rows));
            names.Add(mapping.SegmentFeature);
        }
        else if (segmentFromHeader is not null)
        {
            var texts = new string?[rows];
            Array.Fill(texts, segmentFromHeader);
            var kinds = new FeatureValueKind[rows];
            Array.Fill(kinds, FeatureValueKind.Text);
            var numbers = new double[rows];
            Array.Fill(numbers, double.NaN);
            columns.Add(new FeatureColumn { Name = mapping.SegmentFeature, Kinds = kinds, Numbers = numbers, Texts = texts });
        }

        if (columns.Count > limits.MaxFeatures)
        {
            throw new PayloadException("inputs", $"{columns.Count} values per row exceed the limit of {limits.MaxFeatures} features per record; list large inputs in the mapping's ignored_inputs or raise Monitor:Ingest:MaxFeaturesPerRecord");
        }

        return new FeatureRows(rows, [.. columns]);
    }

    private static void Add(List<FeatureColumn> columns, HashSet<string> names, string name, Tensor tensor, int k, int rows, PayloadLimits limits, int maxLength)
    {
        if (NameStatus.Of(name, maxLength) != NameStatus.Valid)
        {
            throw new PayloadException(tensor.Path, $"feature name {ValueText.Quote(System.Text.Encoding.UTF8.GetBytes(name))} is empty, longer than {maxLength} characters or has control characters");
        }

        if (!names.Add(name))
        {
            throw new PayloadException(tensor.Path, $"feature name '{name}' is given twice; name the positional values in the mapping's feature_names");
        }

        if (columns.Count >= limits.MaxFeatures)
        {
            throw new PayloadException(tensor.Path, $"more than {limits.MaxFeatures} values per row exceed the limit of features per record; list large inputs in the mapping's ignored_inputs or raise Monitor:Ingest:MaxFeaturesPerRecord");
        }

        var kinds = new FeatureValueKind[rows];
        var numbers = new double[rows];
        string?[]? texts = null;
        for (var r = 0; r < rows; r++)
        {
            var i = tensor.Index(r, k);
            kinds[r] = tensor.Kinds[i];
            numbers[r] = tensor.Numbers[i];
            if (tensor.Kinds[i] == FeatureValueKind.Text)
            {
                texts ??= new string?[rows];
                texts[r] = tensor.Texts![i];
            }
        }

        columns.Add(new FeatureColumn { Name = name, Kinds = kinds, Numbers = numbers, Texts = texts });
    }

    private static FeatureColumn AsText(string name, Tensor tensor, int rows)
    {
        var kinds = new FeatureValueKind[rows];
        var numbers = new double[rows];
        Array.Fill(numbers, double.NaN);
        var texts = new string?[rows];
        for (var r = 0; r < rows; r++)
        {
            texts[r] = tensor.Kinds[r] switch
            {
                FeatureValueKind.Text => tensor.Texts![r],
                FeatureValueKind.Number => tensor.Numbers[r].ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => null,
            };
            kinds[r] = texts[r] is null ? FeatureValueKind.Null : FeatureValueKind.Text;
        }

        return new FeatureColumn { Name = name, Kinds = kinds, Numbers = numbers, Texts = texts };
    }
}

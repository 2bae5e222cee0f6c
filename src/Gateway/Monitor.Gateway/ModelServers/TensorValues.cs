using System.Text.Json;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.ModelServers;

/// <summary>Collects the elements of a tensor as they are read, bounded so a hostile payload cannot grow it without limit.</summary>
internal sealed class TensorValues(int maxElements, int maxTextLength)
{
    private readonly List<FeatureValueKind> _kinds = [];
    private readonly List<double> _numbers = [];
    private List<string?>? _texts;

    public int Count => _kinds.Count;

    public void AddNumber(double value, string path)
    {
        Grow(path);
        // A NaN or infinity (possible in binary FP data) carries no value: it is kept as a null.
        var finite = double.IsFinite(value);
        _kinds.Add(finite ? FeatureValueKind.Number : FeatureValueKind.Null);
        _numbers.Add(finite ? value : double.NaN);
        _texts?.Add(null);
    }

    public void AddText(string value, string path)
    {
        if (value.Length > maxTextLength)
        {
            throw new PayloadException(path, $"a text value is longer than {maxTextLength} characters; list the input in the mapping's ignored_inputs or raise Monitor:Ingest:MaxFeatureTextLength");
        }

        Grow(path);
        if (_texts is null)
        {
            _texts = new List<string?>(_kinds.Capacity);
            for (var i = 0; i < _kinds.Count; i++)
            {
                _texts.Add(null);
            }
        }

        _kinds.Add(FeatureValueKind.Text);
        _numbers.Add(double.NaN);
        _texts.Add(value);
    }

    public void AddNull(string path)
    {
        Grow(path);
        _kinds.Add(FeatureValueKind.Null);
        _numbers.Add(double.NaN);
        _texts?.Add(null);
    }

    /// <summary>Adds a JSON scalar (number, string, boolean or null); false for an array or object.</summary>
    public bool TryAddScalar(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                // A number beyond double's range (1e400) is no value: a null, as NaN and infinity are.
                AddNumber(value.TryGetDouble(out var number) ? number : double.NaN, path);
                return true;
            case JsonValueKind.String:
                AddText(value.GetString()!, path);
                return true;
            case JsonValueKind.True:
                AddNumber(1, path);
                return true;
            case JsonValueKind.False:
                AddNumber(0, path);
                return true;
            case JsonValueKind.Null:
                AddNull(path);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Adds every scalar of a (possibly nested) array, row-major.</summary>
    public void AddFlattened(JsonElement value, string path)
    {
        if (TryAddScalar(value, path))
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException(path, $"expected a number, a string, a boolean or an array, got {JsonKinds.Name(value.ValueKind)}");
        }

        foreach (var item in value.EnumerateArray())
        {
            AddFlattened(item, path);
        }
    }

    public Tensor ToTensor(string name, string path, int rows, int width, string[]? columnNames = null) => new()
    {
        Name = name,
        Path = path,
        Rows = rows,
        Width = width,
        Kinds = [.. _kinds],
        Numbers = [.. _numbers],
        Texts = _texts is null ? null : [.. _texts],
        ColumnNames = columnNames,
    };

    private void Grow(string path)
    {
        if (_kinds.Count >= maxElements)
        {
            throw new PayloadException(path, $"more than {maxElements:N0} values; send fewer rows per request or list large inputs in the mapping's ignored_inputs");
        }
    }
}

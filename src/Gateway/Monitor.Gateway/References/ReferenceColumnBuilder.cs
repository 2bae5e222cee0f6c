using Monitor.Grains.Drift;
using Monitor.Statistics.Drift;

namespace Monitor.Gateway.References;

/// <summary>
/// Collects one reference column's values as they are read (numbers, text, missing), then decides its type:
/// declared, or inferred. In JSON any string makes a column categorical; in CSV, where every cell is text, a
/// column is numeric when every present cell parses as a number.
/// </summary>
public sealed class ReferenceColumnBuilder(string name, string field, bool csvRows = false)
{
    private const int MaxProblemsPerColumn = 5;

    // Numbers where a value is a number, NaN elsewhere; texts only once a text value appears.
    private readonly List<double> _numbers = [];
    private List<string?>? _texts;

    public string Name { get; } = name;

    public string Field { get; } = field;

    public int Length => _numbers.Count;

    public int TextCount { get; private set; }

    public void AddNumber(double value)
    {
        _numbers.Add(value);
        _texts?.Add(null);
    }

    public void AddText(string value)
    {
        if (_texts is null)
        {
            _texts = new List<string?>(_numbers.Capacity);
            for (var i = 0; i < _numbers.Count; i++)
            {
                _texts.Add(null);
            }
        }

        _numbers.Add(double.NaN);
        _texts.Add(value);
        TextCount++;
    }

    public void AddMissing()
    {
        _numbers.Add(double.NaN);
        _texts?.Add(null);
    }

    /// <summary>
    /// The column with its type: <paramref name="declared"/>, or inferred. With <paramref name="textMayBeNumbers"/>
    /// (CSV) numeric text counts as numbers; otherwise (JSON) text makes the column categorical unless declared numeric.
    /// </summary>
    public ReferenceColumn? Build(FeatureType? declared, bool textMayBeNumbers, List<FieldProblem> problems)
    {
        var type = declared ?? Infer(textMayBeNumbers);
        if (type == FeatureType.Categorical)
        {
            var labels = new string?[_numbers.Count];
            for (var i = 0; i < labels.Length; i++)
            {
                var text = _texts?[i];
                labels[i] = text ?? (double.IsNaN(_numbers[i]) ? null : NumberLabel.Of(_numbers[i]));
            }

            return ReferenceColumn.Categorical(Name, labels, declared is not null);
        }

        var numbers = _numbers.ToArray();
        if (_texts is null)
        {
            return ReferenceColumn.Numeric(Name, numbers, declared is not null);
        }

        var bad = 0;
        for (var i = 0; i < numbers.Length; i++)
        {
            var text = _texts[i];
            if (text is null || FeatureKindInference.IsMissing(text))
            {
                continue;
            }

            if (FeatureKindInference.TryParseNumber(text.Trim(), out var value))
            {
                numbers[i] = value;
            }
            else if (bad++ < MaxProblemsPerColumn)
            {
                // CSV rows count the header as row 1, as a spreadsheet shows them; JSON values by their index.
                problems.Add(new FieldProblem(csvRows ? Field : $"{Field}[{i}]",
                    $"{(csvRows ? $"row {i + 2} has " : string.Empty)}'{Shorten(text)}', not a number, but {Name} is declared numeric; declare it categorical (categorical={Name}) if it is a category"));
            }
        }

        return bad > 0 ? null : ReferenceColumn.Numeric(Name, numbers, declared is not null);
    }

    private FeatureType Infer(bool textMayBeNumbers)
    {
        if (_texts is null)
        {
            return FeatureType.Numeric;
        }

        if (!textMayBeNumbers)
        {
            return TextCount > 0 ? FeatureType.Categorical : FeatureType.Numeric;
        }

        return FeatureKindInference.Infer(_texts) == FeatureKind.Numeric ? FeatureType.Numeric : FeatureType.Categorical;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>How one feature's values are checked.</summary>
public enum QualityCheck : byte
{
    /// <summary>No reference: only nulls and missing values are counted.</summary>
    Observed = 0,

    /// <summary>Numbers inside the reference's range; text is the wrong type.</summary>
    Numeric = 1,

    /// <summary>Categories the reference has; numbers are compared by their text form.</summary>
    Categorical = 2,
}

/// <summary>
/// The features a version's records are checked against: the reference's, with each numeric feature's
/// range and each categorical feature's categories; or, before a reference exists, the features seen so
/// far (appended up to a cap, so null shares are known from the first record on). <see cref="Names"/> is
/// replaced, never changed in place, when a feature is appended, so its identity tells versions apart.
/// </summary>
public sealed class QualitySchema
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private string[] _names = [];

    // Per feature, in arrays the counting loop reads directly.
    private QualityCheck[] _checks = [];
    private double[] _min = [];
    private double[] _max = [];
    private CategoricalReferenceFeature?[] _categories = [];
    private HashSet<double>?[] _numericLabels = [];

    private QualitySchema(bool fromReference, int capacity)
    {
        FromReference = fromReference;
        _capacity = capacity;
    }

    /// <summary>True when the schema is a reference's: unknown and missing features are then violations.</summary>
    public bool FromReference { get; }

    public string[] Names => _names;

    public int Count => _names.Length;

    public static QualitySchema Observed(int capacity) => new(false, capacity);

    public static QualitySchema Of(DriftReference reference)
    {
        var schema = new QualitySchema(true, reference.Features.Count);
        foreach (var feature in reference.Features)
        {
            schema.Append(feature.Name, feature switch
            {
                NumericReferenceFeature numeric => new Rule(QualityCheck.Numeric, numeric.Min, numeric.Max, null, null),
                CategoricalReferenceFeature categorical => new Rule(QualityCheck.Categorical, 0, 0, categorical, NumericLabels(categorical)),
                _ => new Rule(QualityCheck.Observed, 0, 0, null, null),
            });
        }

        return schema;
    }

    /// <summary>
    /// The feature's position; -1 when a reference schema does not have it. An observed schema appends a
    /// feature it has not seen while it has room.
    /// </summary>
    public int IndexOf(string name)
    {
        if (_index.TryGetValue(name, out var index))
        {
            return index;
        }

        if (FromReference || _names.Length >= _capacity)
        {
            return -1;
        }

        Append(name, new Rule(QualityCheck.Observed, 0, 0, null, null));
        return _names.Length - 1;
    }

    public QualityCheck Check(int index) => _checks[index];

    public double Min(int index) => _min[index];

    public double Max(int index) => _max[index];

    public bool IsKnownCategory(int index, string label) => _categories[index]!.IndexOf(label) >= 0;

    /// <summary>Whether a number, written the way class labels are (shortest round-trip text), is a known category.</summary>
    public bool IsKnownCategory(int index, double value) => _numericLabels[index]!.Contains(value);

    public static string Kind(QualityCheck check) => check switch
    {
        QualityCheck.Numeric => "numeric",
        QualityCheck.Categorical => "categorical",
        _ => "observed",
    };

    private void Append(string name, Rule rule)
    {
        _index[name] = _names.Length;
        _checks = [.. _checks, rule.Check];
        _min = [.. _min, rule.Min];
        _max = [.. _max, rule.Max];
        _categories = [.. _categories, rule.Categories];
        _numericLabels = [.. _numericLabels, rule.NumericLabels];
        _names = [.. _names, name];
    }

    // Numbers in a categorical feature are compared by their text; a category like "7" matches the number 7,
    // "07" matches nothing numeric, exactly as comparing the texts would decide.
    private static HashSet<double> NumericLabels(CategoricalReferenceFeature feature)
    {
        var labels = new HashSet<double>();
        foreach (var category in feature.Categories)
        {
            if (double.TryParse(category, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && NumberLabel.Of(value) == category)
            {
                labels.Add(value);
            }
        }

        return labels;
    }

    private sealed record Rule(QualityCheck Check, double Min, double Max, CategoricalReferenceFeature? Categories, HashSet<double>? NumericLabels);
}

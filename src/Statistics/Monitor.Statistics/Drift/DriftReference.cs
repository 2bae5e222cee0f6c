namespace Monitor.Statistics.Drift;

/// <summary>
/// A reference distribution prepared for repeated drift evaluation: numeric features sorted once, bins frozen,
/// categories indexed. Immutable and safe to share between evaluations and threads.
/// </summary>
public sealed class DriftReference
{
    private readonly Dictionary<string, ReferenceFeature> _byName;

    private DriftReference(IReadOnlyList<ReferenceFeature> features, DriftReferenceOptions options)
    {
        Features = features;
        Options = options;
        _byName = new Dictionary<string, ReferenceFeature>(StringComparer.Ordinal);
        foreach (ReferenceFeature feature in features)
        {
            if (!_byName.TryAdd(feature.Name, feature))
            {
                throw new ArgumentException($"The reference names feature '{feature.Name}' twice.");
            }
        }
    }

    public IReadOnlyList<ReferenceFeature> Features { get; }

    public DriftReferenceOptions Options { get; }

    /// <summary>Rows of the largest column (including missing values).</summary>
    public int Rows => Features.Count == 0 ? 0 : Features.Max(f => f.Count + f.Missing);

    public ReferenceFeature? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Prepares a reference; each column's kind is its type (numeric or categorical).</summary>
    public static DriftReference Prepare(IEnumerable<DriftColumn> columns, DriftReferenceOptions? options = null)
    {
        options ??= DriftReferenceOptions.Default;
        if (options.PsiBins < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PSI needs at least two bins.");
        }

        var features = new List<ReferenceFeature>();
        foreach (DriftColumn column in columns)
        {
            features.Add(column switch
            {
                NumericDriftColumn n => NumericReferenceFeature.Create(n.Name, n.Values.Span, options),
                CategoricalDriftColumn c => CategoricalReferenceFeature.Create(c.Name, c.Values),
                _ => throw new ArgumentException($"Unsupported column type {column.GetType().Name}."),
            });
        }

        return new DriftReference(features, options);
    }
}

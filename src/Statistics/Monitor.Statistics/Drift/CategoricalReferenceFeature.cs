namespace Monitor.Statistics.Drift;

/// <summary>A categorical reference feature: its categories (in first-seen order), their counts and an index for lookups.</summary>
public sealed class CategoricalReferenceFeature : ReferenceFeature
{
    private readonly Dictionary<string, int> _index;

    private CategoricalReferenceFeature(string name, string[] categories, double[] counts, Dictionary<string, int> index, int missing)
        : base(name, (int)counts.Sum(), missing)
    {
        Categories = categories;
        Counts = counts;
        _index = index;
    }

    public override FeatureKind Kind => FeatureKind.Categorical;

    public string[] Categories { get; }

    public double[] Counts { get; }

    public override bool IsCountBased => true;

    public override int CategoryCount => Categories.Length;

    /// <summary>The category's position in <see cref="Categories"/>, or -1 for a category the reference never saw.</summary>
    public int IndexOf(string category) => _index.TryGetValue(category, out int i) ? i : -1;

    /// <summary>Prepares a feature from raw labels (null = missing).</summary>
    public static CategoricalReferenceFeature Create(string name, IReadOnlyList<string?> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var categories = new List<string>();
        var counts = new List<double>();
        int missing = 0;
        for (int i = 0; i < values.Count; i++)
        {
            string? value = values[i];
            if (value is null)
            {
                missing++;
                continue;
            }

            if (!index.TryGetValue(value, out int position))
            {
                position = categories.Count;
                index[value] = position;
                categories.Add(value);
                counts.Add(0);
            }

            counts[position]++;
        }

        return new CategoricalReferenceFeature(name, categories.ToArray(), counts.ToArray(), index, missing);
    }
}

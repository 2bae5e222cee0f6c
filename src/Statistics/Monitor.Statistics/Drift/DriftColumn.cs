namespace Monitor.Statistics.Drift;

/// <summary>One feature's values in a reference or a window, by name.</summary>
public abstract record DriftColumn(string Name)
{
    public abstract FeatureKind Kind { get; }

    public abstract int Length { get; }

    public static NumericDriftColumn Numeric(string name, ReadOnlyMemory<double> values) => new(name, values);

    public static CategoricalDriftColumn Categorical(string name, IReadOnlyList<string?> values) => new(name, values);
}

/// <summary>Numeric values; NaN marks a missing or null value (counted, never tested).</summary>
public sealed record NumericDriftColumn(string Name, ReadOnlyMemory<double> Values) : DriftColumn(Name)
{
    public override FeatureKind Kind => FeatureKind.Numeric;

    public override int Length => Values.Length;
}

/// <summary>Category labels; null marks a missing value.</summary>
public sealed record CategoricalDriftColumn(string Name, IReadOnlyList<string?> Values) : DriftColumn(Name)
{
    public override FeatureKind Kind => FeatureKind.Categorical;

    public override int Length => Values.Count;
}

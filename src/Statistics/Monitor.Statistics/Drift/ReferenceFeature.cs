namespace Monitor.Statistics.Drift;

/// <summary>One feature of a prepared reference: everything drift evaluation needs from it, computed once.</summary>
public abstract class ReferenceFeature
{
    private protected ReferenceFeature(string name, int count, int missing)
    {
        Name = name;
        Count = count;
        Missing = missing;
    }

    public string Name { get; }

    public abstract FeatureKind Kind { get; }

    /// <summary>Values present (not missing).</summary>
    public int Count { get; }

    /// <summary>Values missing (NaN or null).</summary>
    public int Missing { get; }

    /// <summary>Number of categories the count-based tests compare (distinct values for low-cardinality numeric features; 0 when not count-based).</summary>
    public abstract int CategoryCount { get; }

    /// <summary>Whether the count-based tests (chi-squared, PSI and JS on categories) are the natural ones.</summary>
    public abstract bool IsCountBased { get; }
}

namespace Monitor.Statistics.Drift;

/// <summary>Whether a feature is compared as numbers (order and distance matter) or as categories (only identity matters).</summary>
public enum FeatureKind
{
    Numeric,
    Categorical,
}

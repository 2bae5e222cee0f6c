namespace Monitor.Grains.Drift;

/// <summary>How a feature is compared: as numbers (order and distance matter) or as categories (only identity matters).</summary>
[GenerateSerializer, Alias("monitor.FeatureType")]
public enum FeatureType
{
    Numeric = 0,
    Categorical = 1,
}

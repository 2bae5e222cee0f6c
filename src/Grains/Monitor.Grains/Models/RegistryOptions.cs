namespace Monitor.Grains.Models;

/// <summary>Limits of the model registry (configuration section <c>Monitor:Registry</c>).</summary>
public sealed class RegistryOptions
{
    public const string Section = "Monitor:Registry";

    /// <summary>Versions Monitor tracks at most, across all models: bounds memory and metric cardinality.</summary>
    public int MaxVersions { get; set; } = 1000;
}

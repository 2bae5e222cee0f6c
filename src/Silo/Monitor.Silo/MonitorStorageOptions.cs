namespace Monitor.Silo;

/// <summary>Where the single node keeps its durable state (configuration section <c>Monitor:Storage</c>).</summary>
public sealed class MonitorStorageOptions
{
    public const string Section = "Monitor:Storage";

    /// <summary>Directory of the local grain store; relative paths are under the working directory.</summary>
    public string Directory { get; set; } = "data";
}

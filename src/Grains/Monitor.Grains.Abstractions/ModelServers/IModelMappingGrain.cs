namespace Monitor.Grains.ModelServers;

/// <summary>One model's payload mapping (key: the model name), written through so it survives restarts.</summary>
[Alias("monitor.IModelMappingGrain")]
public interface IModelMappingGrain : IGrainWithStringKey
{
    /// <summary>The stored mapping; null when none was set.</summary>
    [Alias("Get")]
    Task<ModelMapping?> Get();

    [Alias("Set")]
    Task Set(ModelMapping mapping);

    /// <summary>Removes the stored mapping; false when there was none.</summary>
    [Alias("Clear")]
    Task<bool> Clear();
}

using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Models;

/// <summary>One model (key: the model name): its versions and how they compare.</summary>
[Alias("monitor.IModelGrain")]
public interface IModelGrain : IModelOutcomesGrain
{
    [Alias("AddVersion")]
    Task AddVersion(string version);

    [Alias("GetVersions")]
    Task<IReadOnlyList<string>> GetVersions();
}

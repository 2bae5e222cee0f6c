namespace Monitor.Grains.Models;

/// <summary>
/// Every model and version Monitor knows, and the cap on how many versions it will track (which
/// bounds memory and metric cardinality). Called only when a gateway first meets a version.
/// </summary>
[Alias("monitor.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task<VersionRegistration> Register(string model, string version);

    [Alias("GetModels")]
    Task<IReadOnlyList<RegisteredModel>> GetModels();

    [Alias("Contains")]
    Task<bool> Contains(string model, string version);
}

[GenerateSerializer, Alias("monitor.VersionRegistration")]
public enum VersionRegistration
{
    Registered = 0,
    AlreadyKnown = 1,
    CapReached = 2,
}

[GenerateSerializer, Immutable, Alias("monitor.RegisteredModel")]
public sealed record RegisteredModel(
    [property: Id(0)] string Model,
    [property: Id(1)] IReadOnlyList<string> Versions);

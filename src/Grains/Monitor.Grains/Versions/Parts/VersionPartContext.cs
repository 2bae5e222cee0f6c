using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Grains.Versions.Checkpoints;
using Orleans.Storage;

namespace Monitor.Grains.Versions.Parts;

/// <summary>What a part is given on activation: the version, the silo's services, its storage and checkpoint, the host.</summary>
public sealed class VersionPartContext(
    string model,
    string version,
    GrainId grainId,
    IServiceProvider services,
    IGrainFactory grains,
    IGrainStorage storage,
    CheckpointStore checkpoint,
    IVersionHost host)
{
    public string Model { get; } = model;

    public string Version { get; } = version;

    public IServiceProvider Services { get; } = services;

    public IGrainFactory Grains { get; } = grains;

    public TimeProvider Time { get; } = services.GetRequiredService<TimeProvider>();

    /// <summary>The version's committed checkpoint: the part reads its pages and core section from it.</summary>
    public CheckpointStore Checkpoint { get; } = checkpoint;

    public IVersionHost Host { get; } = host;

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public T Options<T>()
        where T : class => Services.GetRequiredService<IOptions<T>>().Value;

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public ILogger Logger<T>() => Services.GetRequiredService<ILoggerFactory>().CreateLogger<T>();

    /// <summary>A state of the version's own, stored under <paramref name="name"/> beside its checkpoint, not yet read.</summary>
    public PartState<T> State<T>(string name)
        where T : class, new() => new(storage, grainId, name);

    /// <summary>A grain timer that never interleaves with the version's calls.</summary>
    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> tick, TimeSpan interval, bool keepAlive = false) =>
        Host.RegisterTimer(tick, interval, keepAlive);
}

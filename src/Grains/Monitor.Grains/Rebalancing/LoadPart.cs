using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;
using Monitor.Grains.Versions.Parts;

namespace Monitor.Grains.Rebalancing;

/// <summary>
/// The version's share of its silo's load: it registers with the silo's <see cref="SiloVersionLoad"/> while
/// active and counts the records it applies, from which the rebalancer learns which versions are hot.
/// </summary>
public sealed class LoadPart : VersionPart
{
    public const string PartName = "load";

    private SiloVersionLoad? _silo;
    private VersionLoadCounter? _counter;

    public override string Name => PartName;

    public override Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        // Hosts without rebalancing (a bare grain test silo) have no registry; the version then counts nothing.
        _silo = context.Services.GetService(typeof(SiloVersionLoad)) as SiloVersionLoad;
        _counter = _silo?.Register(VersionKey.Of(context.Model, context.Version), context.NowMs);
        return Task.CompletedTask;
    }

    public override void Ingest(PredictionBatch batch, long nowMs) => _counter?.Add(batch.Count);

    public override Task DeactivatedAsync(CancellationToken cancellationToken)
    {
        if (_counter is not null)
        {
            _silo?.Remove(_counter);
        }

        return Task.CompletedTask;
    }
}

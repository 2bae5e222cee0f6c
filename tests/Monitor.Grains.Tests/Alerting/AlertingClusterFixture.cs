using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Silo;
using Orleans.TestingHost;

namespace Monitor.Grains.Tests.Alerting;

/// <summary>
/// A cluster whose grains run on a fake clock that tests advance (grain timers included), while the
/// silo's own background loops stay on real time.
/// </summary>
public sealed class AlertingClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Monitor:Alerting:EvaluationInterval"] = "00:00:15",
            ["Monitor:Alerting:DefaultRules"] = "false",
            ["Monitor:Alerting:Delivery:MaxAttempts"] = "3",
            ["Monitor:Alerting:Delivery:InitialBackoff"] = "00:00:01",
            // The receivers these tests deliver to listen on loopback.
            ["Monitor:Alerting:AllowedTargetNetworks:0"] = "127.0.0.0/8",
            // Attempts run in real time while tests move the fake clock: a long default timeout keeps a
            // test's clock jumps from cutting real requests short (timeouts are tested per channel).
            ["Monitor:Alerting:Delivery:Timeout"] = "01:00:00",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Time);
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddMemoryGrainStorage(MonitorStorage.Name);
            silo.AddMonitorGrains(configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AlertingCollection : ICollectionFixture<AlertingClusterFixture>
{
    public const string Name = "alerting cluster";
}

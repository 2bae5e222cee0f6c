using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Grains;
using Monitor.Grains.Drift;
using Monitor.Grains.Models;
using Monitor.Grains.Windows;
using Monitor.Silo.Storage;
using Orleans.Storage;

namespace Monitor.Silo;

/// <summary>The one place a Monitor silo is configured, for the standalone silo and the co-hosted single node.</summary>
public static class MonitorSiloBuilderExtensions
{
    public static ISiloBuilder AddMonitorSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        PrometheusExposition.Configure();
        var cluster = configuration.GetSection(MonitorClusterOptions.Section).Get<MonitorClusterOptions>() ?? new();
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });

        if (cluster.IsRedis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.RedisConnection));
            silo.AddRedisGrainStorage(MonitorStorage.Name, o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.RedisConnection));
            var advertised = string.IsNullOrEmpty(cluster.AdvertisedAddress) ? IPAddress.Loopback : IPAddress.Parse(cluster.AdvertisedAddress);
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }
        else
        {
            var storage = configuration.GetSection(MonitorStorageOptions.Section).Get<MonitorStorageOptions>() ?? new();
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
            silo.AddSqliteGrainStorage(MonitorStorage.Name, o => o.Directory = storage.Directory);
        }

        return silo.AddMonitorGrains(configuration);
    }

    /// <summary>Options and services the grains need, independent of clustering and storage (grain tests use this alone).</summary>
    public static ISiloBuilder AddMonitorGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);

        // Grain state is stored with Orleans' own binary serializer: compact, fast, and tolerant of
        // added fields through the [Id]s every state type carries (the default is Newtonsoft JSON).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.Services.Configure<VersionWindowOptions>(configuration.GetSection(VersionWindowOptions.Section));
        silo.Services.Configure<VersionDriftOptions>(configuration.GetSection(VersionDriftOptions.Section));
        silo.Services.Configure<RegistryOptions>(configuration.GetSection(RegistryOptions.Section));
        return silo;
    }
}

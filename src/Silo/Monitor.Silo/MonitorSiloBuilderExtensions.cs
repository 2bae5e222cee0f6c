using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Grains;
using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Rebalancing;
using Monitor.Grains.Reports;
using Monitor.Grains.Versions;
using Monitor.Grains.Windows;
using Monitor.Silo.Storage;
using Orleans.Dashboard;
using Orleans.Storage;

namespace Monitor.Silo;

/// <summary>The one place a Monitor silo is configured, for the standalone silo and the co-hosted single node.</summary>
public static class MonitorSiloBuilderExtensions
{
    public static ISiloBuilder AddMonitorSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        PrometheusExposition.Configure();
        var cluster = MonitorClusterOptions.From(configuration);
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });

        var storage = configuration.GetSection(MonitorStorageOptions.Section).Get<MonitorStorageOptions>() ?? new();
        var keyRing = DataProtectionSettings.From(configuration).KeyRingDirectory;
        silo.Services.AddMonitorDataProtection(
            string.IsNullOrWhiteSpace(keyRing) ? Path.Combine(storage.Directory, "keys") : keyRing,
            configuredExplicitly: !string.IsNullOrWhiteSpace(keyRing),
            clustered: cluster.IsRedis);

        if (cluster.IsRedis)
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConfiguration(cluster));
            silo.AddRedisGrainStorage(MonitorStorage.Name, o => o.ConfigurationOptions = RedisConfiguration(cluster));

            // Each silo advertises its own address; behind a container network it listens on every interface.
            var advertised = cluster.ResolveAdvertisedAddress();
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));

            // A killed silo is declared dead after a few missed probes, and its versions re-activate
            // elsewhere from their last checkpoint.
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o => o.ProbeTimeout = cluster.ProbeTimeout);
        }
        else
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
            silo.AddSqliteGrainStorage(MonitorStorage.Name, o => o.Directory = storage.Directory);
        }

        var dashboard = OrleansDashboardSettings.From(configuration);
        if (dashboard.Enabled)
        {
            silo.AddDashboard(dashboard.Apply);
        }

        // Membership judges whether processes are alive, so it keeps real time even where a test's fake clock drives
        // the windows and rules: a fake clock moved on by days made a lone silo find its own heartbeat stale and stop.
        silo.Services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Membership, (_, _) =>
            new MembershipClock(TimeProvider.System));
        return silo.AddMonitorGrains(configuration);
    }

    /// <summary>
    /// Redis settings shared by membership, grain storage and gateways: keep retrying while Redis
    /// restarts instead of failing the process.
    /// </summary>
    public static StackExchange.Redis.ConfigurationOptions RedisConfiguration(MonitorClusterOptions cluster)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(cluster.RedisConnection);
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>Options and services the grains need, independent of clustering and storage (grain tests use this alone).</summary>
    public static ISiloBuilder AddMonitorGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);

        // Grain state is stored with Orleans' own binary serializer: compact, fast, and tolerant of
        // added fields through the [Id]s every state type carries (the default is Newtonsoft JSON).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        silo.Services.Configure<VersionWindowOptions>(configuration.GetSection(VersionWindowOptions.Section));
        silo.Services.Configure<Monitor.Grains.History.VersionHistoryOptions>(configuration.GetSection(Monitor.Grains.History.VersionHistoryOptions.Section));
        silo.Services.Configure<VersionDriftOptions>(configuration.GetSection(VersionDriftOptions.Section));
        silo.Services.AddOptions<VersionDriftOptions>().ValidateOnStart();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VersionDriftOptions>, VersionDriftOptionsValidation>());
        silo.Services.Configure<Monitor.Grains.Segments.SegmentOptions>(configuration.GetSection(Monitor.Grains.Segments.SegmentOptions.Section));
        silo.Services.Configure<RegistryOptions>(configuration.GetSection(RegistryOptions.Section));
        silo.Services.Configure<OutcomeOptions>(configuration.GetSection(OutcomeOptions.Section));
        silo.Services.AddOptions<OutcomeOptions>()
            .Validate(o => o.JoinIndexBudgetBytes is null or > 0, $"{OutcomeOptions.Section}:JoinIndexBudgetBytes must be a positive number of bytes.")
            .ValidateOnStart();
        silo.Services.AddSingleton<Monitor.Grains.Outcomes.Budget.JoinIndexBudget>();
        silo.Services.Configure<ResumeOptions>(configuration.GetSection(ResumeOptions.Section));
        silo.ConfigureIdleVersions(configuration);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, VersionResumeStartup>();
        silo.Services.AddMonitorAlerting(configuration);
        silo.Services.AddMonitorReviews();
        silo.Services.AddMonitorRebalancing(configuration);

        // Hosts that configure no key ring (grain tests on memory storage) keep keys in memory, as long as their state.
        silo.Services.TryAddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        return silo;
    }
}

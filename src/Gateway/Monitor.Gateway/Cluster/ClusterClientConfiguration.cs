using Monitor.Silo;

namespace Monitor.Gateway.Cluster;

/// <summary>The gateway as an Orleans client of a Redis cluster (the gateway runs no silo then).</summary>
public static class ClusterClientConfiguration
{
    public static IClientBuilder AddMonitorClusterClient(this IClientBuilder client, MonitorClusterOptions cluster)
    {
        client.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        client.UseRedisClustering(o => o.ConfigurationOptions = MonitorSiloBuilderExtensions.RedisConfiguration(cluster));

        // A call to a silo that died fails fast (its connection drops); one to a stalled silo fails
        // after this timeout. Either way the gateway's ingest queue retries it.
        client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);

        // New silos become gateways for this client within this period.
        client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(10));
        client.UseConnectionRetryFilter<ClusterConnectionRetry>();
        return client;
    }
}

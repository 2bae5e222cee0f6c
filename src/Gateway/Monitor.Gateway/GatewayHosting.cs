using Monitor.Gateway.Api;
using Monitor.Gateway.Health;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Metrics;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Grains;
using Monitor.Grains.Drift;
using Monitor.Grains.Windows;
using Monitor.Silo;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Monitor.Gateway;

/// <summary>
/// Wires the gateway: a co-hosted silo in single-node mode (the default), or an Orleans client of a
/// Redis cluster; the HTTP API, /metrics and health endpoints.
/// </summary>
public static class GatewayHosting
{
    public static WebApplicationBuilder AddMonitorGateway(this WebApplicationBuilder builder)
    {
        PrometheusExposition.Configure();
        var configuration = builder.Configuration;
        var cluster = configuration.GetSection(MonitorClusterOptions.Section).Get<MonitorClusterOptions>() ?? new();
        if (configuration.GetValue("Monitor:Gateway:CoHostSilo", !cluster.IsRedis))
        {
            builder.UseOrleans(silo => silo.AddMonitorSilo(configuration));
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ClusterId = cluster.ClusterId;
                    o.ServiceId = cluster.ServiceId;
                });
                client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(cluster.RedisConnection));
            });
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<VersionWindowOptions>(configuration.GetSection(VersionWindowOptions.Section));
        builder.Services.Configure<VersionDriftOptions>(configuration.GetSection(VersionDriftOptions.Section));
        builder.Services.ConfigureHttpJsonOptions(o => MonitorJson.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<VersionRouter>();
        builder.Services.AddSingleton<VersionTargets>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddPredictionLog(configuration);
        builder.Services.AddPredictionParser(configuration);
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapMonitorGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
        app.MapMetrics("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapIngestEndpoints();
        app.MapModelEndpoints();
        app.MapRecordEndpoints();
        app.MapReferenceEndpoints();
        app.MapDriftEndpoints();
        return app;
    }
}

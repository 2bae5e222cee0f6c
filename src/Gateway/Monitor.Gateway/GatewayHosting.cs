using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Api;
using Monitor.Gateway.Api.Alerting;
using Monitor.Gateway.Api.Reports;
using Monitor.Gateway.Api.Segments;
using Monitor.Gateway.Cluster;
using Monitor.Gateway.Dashboard;
using Monitor.Gateway.Health;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Metrics;
using Monitor.Gateway.ModelServers;
using Monitor.Gateway.OpenApi;
using Monitor.Gateway.Outcomes;
using Monitor.Gateway.Durability;
using Monitor.Gateway.PredictionLog;
using Monitor.Gateway.Routing;
using Monitor.Gateway.Security;
using Monitor.Grains;
using Monitor.Grains.Drift;
using Monitor.Grains.Windows;
using Monitor.Silo;
using Orleans.Dashboard;
using Prometheus;

namespace Monitor.Gateway;

/// <summary>
/// Wires the gateway: a co-hosted silo in single-node mode (the default), or an Orleans client of a
/// Redis cluster; the HTTP API, /metrics, health endpoints, the OpenAPI document and its reference page,
/// the web dashboard and the Orleans dashboard.
/// </summary>
public static class GatewayHosting
{
    public static WebApplicationBuilder AddMonitorGateway(this WebApplicationBuilder builder)
    {
        PrometheusExposition.Configure();
        var configuration = builder.Configuration;
        var cluster = MonitorClusterOptions.From(configuration);
        if (configuration.GetValue("Monitor:Gateway:CoHostSilo", !cluster.IsRedis))
        {
            builder.UseOrleans(silo => silo.AddMonitorSilo(configuration));
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.AddMonitorClusterClient(cluster);
                var dashboard = OrleansDashboardSettings.From(configuration);
                if (dashboard.Enabled)
                {
                    client.AddDashboard(dashboard.Apply);
                }
            });
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<VersionWindowOptions>(configuration.GetSection(VersionWindowOptions.Section));
        builder.Services.Configure<Monitor.Grains.History.VersionHistoryOptions>(configuration.GetSection(Monitor.Grains.History.VersionHistoryOptions.Section));
        builder.Services.Configure<VersionDriftOptions>(configuration.GetSection(VersionDriftOptions.Section));
        builder.Services.AddOptions<VersionDriftOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VersionDriftOptions>, VersionDriftOptionsValidation>());
        builder.Services.ConfigureHttpJsonOptions(o => MonitorJson.Apply(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<GatewayIngestOptions>().Bind(configuration.GetSection(GatewayIngestOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<GatewayIdentity>();
        builder.Services.AddSingleton<ClusterRetry>();
        builder.Services.AddSingleton<IngestBuffer>();
        builder.Services.AddSingleton<VersionRouter>();
        builder.Services.AddSingleton<VersionTargets>();
        builder.Services.AddSingleton<AcceptedContentTypes>();
        builder.Services.AddExceptionHandler<UnreadableBodyHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        builder.Services.AddRequestBodyRate(configuration);
        builder.Services.AddMonitorSecurity(configuration);
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddHostedService<RegisteredVersionSeries>();
        builder.Services.AddPredictionLog(configuration);
        builder.Services.AddIngestLog(configuration);
        builder.Services.AddPredictionParser(configuration);
        builder.Services.AddOutcomeParser();
        builder.Services.AddModelServerIngest(configuration);
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        builder.Services.AddMonitorOpenApi();
        return builder;
    }

    public static WebApplication MapMonitorGateway(this WebApplication app)
    {
        app.UseNoSniff();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseMonitorSecurity(app.Configuration);
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapMetrics("/metrics").RequireAuthorization(ApiPolicies.Metrics);
        app.MapMonitorOpenApi();
        app.MapMonitorOrleansDashboard();
        app.MapMonitorDashboard();
        app.MapIngestEndpoints();
        app.MapModelEndpoints();
        app.MapRecordEndpoints();
        app.MapOutcomeEndpoints();
        app.MapModelServerEndpoints();
        app.MapMappingEndpoints();
        app.MapComparisonEndpoints();
        app.MapReferenceEndpoints();
        app.MapDriftEndpoints();
        app.MapSegmentEndpoints();
        app.MapFeatureDistributionEndpoints();
        app.MapAlertRuleEndpoints();
        app.MapAlertEndpoints();
        app.MapSilenceEndpoints();
        app.MapChannelEndpoints();
        app.MapRoutingEndpoints();
        app.MapClusterEndpoints();
        app.MapReportEndpoints();
        app.MapReviewEndpoints();
        return app;
    }
}

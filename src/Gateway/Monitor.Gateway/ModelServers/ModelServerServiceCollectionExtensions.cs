namespace Monitor.Gateway.ModelServers;

public static class ModelServerServiceCollectionExtensions
{
    /// <summary>Ingest from KServe, Seldon, Open Inference Protocol servers and BentoML (options from "Monitor:ModelServers").</summary>
    public static IServiceCollection AddModelServerIngest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModelServerOptions>().Bind(configuration.GetSection(ModelServerOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelServerMetrics>();
        services.AddSingleton<ModelMappings>();
        services.AddSingleton<ServedPayloads>();
        services.AddSingleton<ServedRecordSink>();
        services.AddSingleton<ModelServerIngest>();
        services.AddSingleton<SeldonFeedback>();
        services.AddSingleton<CloudEventIngest>();
        services.AddSingleton<OipPairs>();
        services.AddSingleton<BentoMlLines>();
        return services;
    }
}

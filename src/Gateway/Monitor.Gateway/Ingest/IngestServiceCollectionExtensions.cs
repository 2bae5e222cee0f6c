using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Monitor.Gateway.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IngestLimits"/> (bound from "Monitor:Ingest", validated at start) and a
    /// singleton <see cref="PredictionParser"/> using the registered <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddPredictionParser(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestLimits>()
            .Bind(configuration.GetSection(IngestLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PredictionParser(
            sp.GetRequiredService<IOptions<IngestLimits>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}

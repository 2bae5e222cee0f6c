using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Ingest;

namespace Monitor.Gateway.Outcomes;

public static class OutcomeServiceCollectionExtensions
{
    /// <summary>Registers the labels and events parser (with the ingest limits) and its metrics.</summary>
    public static IServiceCollection AddOutcomeParser(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OutcomeParser(sp.GetRequiredService<IOptions<IngestLimits>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<OutcomeIngestMetrics>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Monitor.Gateway.PredictionLog;

/// <summary>Registers the prediction log.</summary>
public static class PredictionLogServiceCollectionExtensions
{
    /// <summary>
    /// Adds the prediction log: <see cref="PredictionLogOptions"/> bound from <c>Monitor:PredictionLog</c> and
    /// validated at start, <see cref="IPredictionLog"/> for the request path, and the hosted service that
    /// writes the files and drains them on a graceful stop.
    /// </summary>
    public static IServiceCollection AddPredictionLog(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PredictionLogOptions>()
            .Bind(configuration.GetSection(PredictionLogOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PredictionLogOptions>, PredictionLogOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PredictionLogWriter(
            sp.GetRequiredService<IOptions<PredictionLogOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PredictionLogWriter>>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IPredictionLog>(sp => sp.GetRequiredService<PredictionLogWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<PredictionLogWriter>());
        return services;
    }
}

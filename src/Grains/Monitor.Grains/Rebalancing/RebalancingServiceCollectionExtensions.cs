using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Monitor.Grains.Rebalancing;

/// <summary>The silo services of load-aware rebalancing and of draining a stopping silo.</summary>
public static class RebalancingServiceCollectionExtensions
{
    public static IServiceCollection AddMonitorRebalancing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RebalancingOptions>(configuration.GetSection(RebalancingOptions.Section));
        services.AddOptions<RebalancingOptions>()
            .Validate(o => o.ReportInterval > TimeSpan.Zero, $"{RebalancingOptions.Section}:ReportInterval must be positive.")
            .Validate(o => o.MaxMovesPerRound >= 0, $"{RebalancingOptions.Section}:MaxMovesPerRound must not be negative.")
            .Validate(o => o.Tolerance >= 0, $"{RebalancingOptions.Section}:Tolerance must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<SiloVersionLoad>();
        services.AddSingleton<SiloLoadReporter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<SiloLoadReporter>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloDrain>();
        return services;
    }
}

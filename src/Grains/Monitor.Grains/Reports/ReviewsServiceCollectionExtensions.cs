using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains.Reports.Reviews;

namespace Monitor.Grains.Reports;

/// <summary>The silo services scheduled reviews need (alerting's channels and HTTP client are registered by alerting).</summary>
public static class ReviewsServiceCollectionExtensions
{
    public static IServiceCollection AddMonitorReviews(this IServiceCollection services)
    {
        services.AddSingleton<ReviewSender>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReviewsStartup>();
        return services;
    }
}

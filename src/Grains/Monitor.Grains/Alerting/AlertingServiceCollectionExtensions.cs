using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Grains.Alerting.Delivery;

namespace Monitor.Grains.Alerting;

/// <summary>The silo services alerting needs: options, the configuration cache, delivery and its channels.</summary>
public static class AlertingServiceCollectionExtensions
{
    public static IServiceCollection AddMonitorAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertingOptions>().Bind(configuration.GetSection(AlertingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<AlertingOptions>, AlertingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AlertingSnapshotSource>();
        services.AddSingleton<ChannelSecretProtector>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton(sp => new NotificationHttp(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlertingOptions>>()));
        services.AddSingleton<INotificationSender, LogSender>();
        services.AddSingleton<INotificationSender, WebhookSender>();
        services.AddSingleton<INotificationSender, SlackSender>();
        services.AddSingleton<INotificationSender, PagerDutySender>();
        services.AddSingleton<INotificationSender, EmailSender>();
        services.AddSingleton<INotificationSender, AlertmanagerSender>();
        services.AddSingleton<INotificationDispatcher, NotificationDispatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, AlertingStartup>();
        return services;
    }
}

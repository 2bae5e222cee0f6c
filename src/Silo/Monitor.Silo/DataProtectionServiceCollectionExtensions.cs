using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Silo.Storage;

namespace Monitor.Silo;

/// <summary>ASP.NET Core Data Protection for secrets at rest, with its key ring in a private directory.</summary>
public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>The application name keys are isolated by: the same on every silo, whatever its path.</summary>
    public const string ApplicationName = "monitor";

    public static IServiceCollection AddMonitorDataProtection(this IServiceCollection services, string keyRingDirectory, bool configuredExplicitly, bool clustered)
    {
        var repository = new PrivateKeyRingRepository(keyRingDirectory);
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);

        // Data Protection warns at every start that keys are stored unencrypted when no XML encryptor is set. The key
        // files are 0600 in a 0700 directory (PrivateKeyRingRepository), which is the protection chosen here, so the
        // warning is noise; errors from the key manager still show.
        services.AddLogging(logging => logging.AddFilter(typeof(XmlKeyManager).FullName, LogLevel.Error));
        services.AddHostedService(sp => new KeyRingStartupReport(
            repository.Directory,
            clustered && !configuredExplicitly,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<KeyRingStartupReport>>()));
        return services;
    }
}

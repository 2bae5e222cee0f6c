using Microsoft.Extensions.Configuration;
using Monitor.Grains.Versions;
using Orleans.Configuration;

namespace Monitor.Silo;

/// <summary>
/// How long a version may go without calls before Orleans deactivates it (<c>Monitor:Versions:IdleDeactivation</c>;
/// Orleans' collection age when unset). A deactivating version writes its checkpoint and its next call reads it back,
/// figures intact, so a node with many registered versions holds in memory only those in use.
/// </summary>
public static class IdleVersions
{
    public const string Key = "Monitor:Versions:IdleDeactivation";

    public static ISiloBuilder ConfigureIdleVersions(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (configuration.GetValue<TimeSpan?>(Key) is { } idle)
        {
            if (idle <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(Key, idle, $"{Key} must be a positive time span.");
            }

            silo.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(ModelVersionGrain).FullName!] = idle);
        }

        return silo;
    }
}

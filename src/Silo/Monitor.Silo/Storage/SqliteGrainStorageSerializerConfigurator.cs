using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Monitor.Silo.Storage;

/// <summary>
/// Chooses the payload serializer when the options name none: a serializer registered under the
/// provider's name wins (as with Orleans' own providers); otherwise Orleans' binary serializer, which is
/// compact and tolerates added and removed <c>[Id]</c> members across versions of a state type.
/// </summary>
internal sealed class SqliteGrainStorageSerializerConfigurator(IServiceProvider services)
    : IPostConfigureOptions<SqliteGrainStorageOptions>
{
    public void PostConfigure(string? name, SqliteGrainStorageOptions options)
    {
        if (options.GrainStorageSerializer is not null)
        {
            return;
        }

        options.GrainStorageSerializer =
            (name is null ? null : services.GetKeyedService<IGrainStorageSerializer>(name))
            ?? new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    }
}

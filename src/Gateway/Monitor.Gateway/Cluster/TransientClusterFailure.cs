using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Monitor.Gateway.Cluster;

/// <summary>Failures that pass when the cluster recovers: a dead, unreachable or stalled silo, or unreachable grain storage.</summary>
public static class TransientClusterFailure
{
    public static bool Is(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Is(aggregate.InnerExceptions[0]),
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
            or GatewayTooBusyException or ClientNotAvailableException or TimeoutException => true,
        Monitor.Grains.Versions.CheckpointOverdueException => true,
        Orleans.Persistence.Redis.RedisStorageException or Monitor.Silo.Storage.SqliteGrainStorageException => true,
        StackExchange.Redis.RedisException => true,
        OrleansException { InnerException: { } inner } => Is(inner),
        _ => false,
    };
}

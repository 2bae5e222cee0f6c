namespace Monitor.Gateway.Routing;

/// <summary>This gateway process, as versions know it in ingest tokens: new at every start.</summary>
public sealed class GatewayIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}

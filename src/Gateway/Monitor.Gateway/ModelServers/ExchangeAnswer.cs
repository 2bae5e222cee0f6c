namespace Monitor.Gateway.ModelServers;

/// <summary>
/// The answer to one model-server event or payload: "waiting" (held for its other half), "joined" (records
/// applied), "duplicate" (seen before, ignored), "labels" (feedback joined as ground truth).
/// </summary>
public sealed record ExchangeAnswer(string Status, int Records, string? Model = null, string? Version = null, string? Id = null)
{
    internal DeliveryOutcome Delivery { get; init; }
}

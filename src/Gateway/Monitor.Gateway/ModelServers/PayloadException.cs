namespace Monitor.Gateway.ModelServers;

/// <summary>
/// An inference payload (or its mapping) that cannot become records: <see cref="Field"/> is the path of the
/// offending part (e.g. "data.inputs[0].shape"), the message says why. Answered as problem+json naming the event.
/// </summary>
public sealed class PayloadException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}

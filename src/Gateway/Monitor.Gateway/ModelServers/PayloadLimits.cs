namespace Monitor.Gateway.ModelServers;

/// <summary>Bounds on one payload: its values, its rows, the values per row kept as features, text lengths.</summary>
public sealed record PayloadLimits(int MaxValues, int MaxRows, int MaxFeatures, int MaxTextLength, int MaxNameLength, int MaxIdLength)
{
    public static PayloadLimits Default { get; } = new(1_000_000, 10_000, 256, 1_024, 64, 128);

    internal TensorValues NewValues() => new(MaxValues, MaxTextLength);
}

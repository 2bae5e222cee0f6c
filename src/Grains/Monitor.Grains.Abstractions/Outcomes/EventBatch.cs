namespace Monitor.Grains.Outcomes;

/// <summary>
/// Business events of one model (and version, when the sender knew it), column by column: clicks,
/// conversions, revenue and custom types, each optionally tied to the prediction it followed.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.EventBatch")]
public sealed class EventBatch
{
    public const string Click = "click";
    public const string Conversion = "conversion";
    public const string Revenue = "revenue";

    [Id(0)] public required string Model { get; init; }

    /// <summary>Null when the events name only the model and prediction ids.</summary>
    [Id(1)] public string? Version { get; init; }
    [Id(2)] public required int Count { get; init; }

    /// <summary><see cref="PredictionIdHash"/> of each event's prediction id; <see cref="PredictionIdHash.None"/> where it had none.</summary>
    [Id(3)] public required ulong[] IdHashes { get; init; }
    [Id(4)] public required long[] TimestampsMs { get; init; }
    [Id(5)] public required string[] Types { get; init; }

    /// <summary>The event's value (revenue amount, or any number a custom event carries); NaN where none.</summary>
    [Id(6)] public required double[] Values { get; init; }
}

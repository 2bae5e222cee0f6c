namespace Monitor.Grains.Ingest;

/// <summary>
/// The accepted records of one model version, stored column by column so a batch crosses the
/// silo boundary as a handful of arrays rather than one object graph per record. Immutable once
/// built: grains keep references to it for their windows and the gateway's prediction log reads it.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.PredictionBatch")]
public sealed class PredictionBatch
{
    [Id(0)] public required string Model { get; init; }
    [Id(1)] public required string Version { get; init; }
    [Id(2)] public required int Count { get; init; }

    /// <summary>Record time in Unix milliseconds (server time when the record had none).</summary>
    [Id(3)] public required long[] TimestampsMs { get; init; }
    [Id(4)] public required double[] LatenciesMs { get; init; }

    /// <summary>Model confidence in [0, 1]; NaN where the record had none.</summary>
    [Id(5)] public required double[] Confidences { get; init; }
    [Id(6)] public required bool[] Succeeded { get; init; }

    /// <summary>Error type of a failed record (e.g. "Timeout"); null where none was given.</summary>
    [Id(7)] public required string?[] ErrorTypes { get; init; }
    [Id(8)] public required PredictionColumn Predictions { get; init; }

    /// <summary>The caller's prediction id; null where none was given.</summary>
    [Id(9)] public required string?[] Ids { get; init; }

    /// <summary>One column per feature name seen in the batch, in first-seen order.</summary>
    [Id(10)] public required FeatureColumn[] Features { get; init; }
}

namespace Monitor.Grains.Outcomes;

/// <summary>What a label says about its prediction.</summary>
public enum LabelKind : byte
{
    /// <summary>The true class ("label"): a string, or a number compared with numeric class predictions.</summary>
    Class = 0,

    /// <summary>The true value of a regression target ("value").</summary>
    Value = 1,
}

/// <summary>
/// Ground truth of one model (and version, when the sender knew it), column by column: the key of
/// each prediction id, when the truth was observed, and the truth itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.LabelBatch")]
public sealed class LabelBatch
{
    [Id(0)] public required string Model { get; init; }

    /// <summary>Null when the labels name only the model: every version then joins what it holds.</summary>
    [Id(1)] public string? Version { get; init; }
    [Id(2)] public required int Count { get; init; }

    /// <summary><see cref="PredictionIdHash"/> of each label's prediction id.</summary>
    [Id(3)] public required ulong[] IdHashes { get; init; }

    /// <summary>When the truth was observed, in Unix milliseconds (server time when the label had none).</summary>
    [Id(4)] public required long[] TimestampsMs { get; init; }
    [Id(5)] public required LabelKind[] Kinds { get; init; }

    /// <summary>A class given as a string; null where the class or value is a number.</summary>
    [Id(6)] public string?[]? Texts { get; init; }

    /// <summary>A numeric class or value; NaN where the class is a string.</summary>
    [Id(7)] public required double[] Numbers { get; init; }

    public string? TextAt(int i) => Texts?[i];
}

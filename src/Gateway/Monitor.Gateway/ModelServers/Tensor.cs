using Monitor.Grains.Ingest;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// One named input or output of an inference payload as rows of equal width, row-major: element
/// (row, k) is at row * Width + k. A value is a number, a text or a null (<see cref="Kinds"/>).
/// <see cref="ColumnNames"/> is set when the payload named the elements itself (V1 dict instances, Seldon names).
/// </summary>
public sealed class Tensor
{
    public required string Name { get; init; }

    public required int Rows { get; init; }

    public required int Width { get; init; }

    public required FeatureValueKind[] Kinds { get; init; }

    /// <summary>The number where Kinds is Number; NaN elsewhere.</summary>
    public required double[] Numbers { get; init; }

    /// <summary>The text where Kinds is Text; null when the tensor holds no text.</summary>
    public string?[]? Texts { get; init; }

    public string[]? ColumnNames { get; init; }

    /// <summary>The path of this tensor in the payload, for errors (e.g. "inputs[1]").</summary>
    public required string Path { get; init; }

    public int Index(int row, int k) => row * Width + k;
}

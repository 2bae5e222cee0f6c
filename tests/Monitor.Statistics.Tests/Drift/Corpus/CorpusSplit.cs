using Monitor.Testing.Calibration;

namespace Monitor.Statistics.Tests.Drift.Corpus;

/// <summary>A random split of a table's rows into a reference and a production window, reference:window = ratio:1.</summary>
public sealed record CorpusSplit(int[] Reference, int[] Window)
{
    public static CorpusSplit Random(int rows, int ratio, SeededRandom random)
    {
        int[] order = random.Permutation(rows);
        int window = rows / (ratio + 1);
        return new CorpusSplit(order[window..], order[..window]);
    }
}

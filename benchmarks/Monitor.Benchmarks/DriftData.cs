using Monitor.Statistics.Drift;

namespace Monitor.Benchmarks;

/// <summary>Seeded standard normal features: a reference and a window, the shape the Python baseline times.</summary>
internal static class DriftData
{
    public static (double[][] Reference, double[][] Window) Normal(int features, int size, int seed = 42)
    {
        var random = new Random(seed);
        var reference = new double[features][];
        var window = new double[features][];
        for (int f = 0; f < features; f++)
        {
            reference[f] = Draw(random, size, 0);
            window[f] = Draw(random, size, f == 0 ? 0.1 : 0);
        }

        return (reference, window);
    }

    public static DriftColumn[] Columns(double[][] data)
    {
        var columns = new DriftColumn[data.Length];
        for (int f = 0; f < data.Length; f++)
        {
            columns[f] = DriftColumn.Numeric($"f{f}", data[f]);
        }

        return columns;
    }

    private static double[] Draw(Random random, int n, double shift)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            x[i] = shift + Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return x;
    }
}

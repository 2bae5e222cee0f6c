namespace Monitor.Testing;

/// <summary>Seeded random samples for property and simulation tests (Box-Muller normals).</summary>
public sealed class SeededSamples(int seed)
{
    private readonly Random _random = new(seed);
    private double? _spare;

    public double Normal()
    {
        if (_spare is { } s)
        {
            _spare = null;
            return s;
        }

        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    public double[] Normal(int n, double mean = 0, double sd = 1.0)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = mean + sd * Normal();
        }

        return x;
    }

    public double[] Integers(int n, int from, int toExclusive)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = _random.Next(from, toExclusive);
        }

        return x;
    }

    public int Next(int from, int toExclusive) => _random.Next(from, toExclusive);

    public double Uniform() => _random.NextDouble();
}

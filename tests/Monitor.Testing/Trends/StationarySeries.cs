namespace Monitor.Trends.Calibration;

/// <summary>
/// Seeded stationary series of the shapes monitored figures take: Gaussian noise, heavy tails (Student t, 3
/// degrees of freedom), skew (log-normal, as latency percentiles), autocorrelation (AR(1), φ = 0.5) and discrete
/// tied values (Poisson counts, as a low error rate). Each has mean 0 and standard deviation 1 (the Poisson one:
/// its own mean and spread), so a step of k is k standard deviations.
/// </summary>
public sealed class StationarySeries(string name, Func<Random, int, double[]> draw)
{
    public string Name => name;

    public double[] Draw(Random random, int length) => draw(random, length);

    public static IReadOnlyList<StationarySeries> All { get; } =
    [
        new("gaussian", (r, n) => Fill(n, () => Normal(r))),
        new("student_t3", (r, n) => Fill(n, () => StudentT3(r) / Math.Sqrt(3))),
        new("lognormal", (r, n) => Fill(n, () => (Math.Exp(0.5 * Normal(r)) - Math.Exp(0.125)) / Math.Sqrt((Math.Exp(0.25) - 1) * Math.Exp(0.25)))),
        new("ar1_phi0.5", (r, n) => Autoregressive(r, n, 0.5)),
        new("poisson3", (r, n) => Fill(n, () => (Poisson(r, 3) - 3) / Math.Sqrt(3))),
    ];

    public static StationarySeries Named(string name) => All.Single(s => s.Name == name);

    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double StudentT3(Random random)
    {
        var chi = 0.0;
        for (var k = 0; k < 3; k++)
        {
            var z = Normal(random);
            chi += z * z;
        }

        return Normal(random) / Math.Sqrt(chi / 3);
    }

    private static double[] Autoregressive(Random random, int n, double phi)
    {
        var x = new double[n];
        var innovation = Math.Sqrt(1 - (phi * phi));
        var previous = Normal(random);
        for (var i = 0; i < n; i++)
        {
            previous = (phi * previous) + (innovation * Normal(random));
            x[i] = previous;
        }

        return x;
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static double[] Fill(int n, Func<double> next)
    {
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = next();
        }

        return x;
    }
}

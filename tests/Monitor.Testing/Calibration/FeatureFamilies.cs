namespace Monitor.Testing.Calibration;

/// <summary>The simulated feature families of the calibration study and its tests (docs/drift.md).</summary>
public static class FeatureFamilies
{
    public static FeatureFamily Continuous { get; } = new("continuous (normal)", "mean + shift sigma", false,
        (r, n, s) => Fill(n, () => r.Normal() + s));

    public static FeatureFamily Binary { get; } = new("binary (30% ones)", "share of ones + shift", true,
        (r, n, s) => Fill(n, () => r.Uniform() < 0.3 + s ? 1 : 0));

    public static FeatureFamily Ratings5 { get; } = new("ratings 1-5", "shift of the mass moves from 3 to 4", true,
        (r, n, s) => Levels(r, n, [0.1, 0.2, 0.3 - s, 0.25 + s, 0.15], 1));

    public static FeatureFamily Ratings10 { get; } = new("ratings 1-10", "shift of the mass moves from 5 to 6", false,
        (r, n, s) => Levels(r, n, [0.04, 0.06, 0.08, 0.12, 0.16 - s, 0.16 + s, 0.13, 0.11, 0.08, 0.06], 1));

    public static FeatureFamily Counts { get; } = new("counts (Poisson 3)", "mean x (1 + shift)", false,
        (r, n, s) => Fill(n, () => r.Poisson(3.0 * (1 + s))));

    public static FeatureFamily Uniform50 { get; } = new("50 levels (uniform 0-49)", "shift of the mass moves from 0-24 to 25-49", false,
        (r, n, s) => Fill(n, () => r.Uniform() < s ? 25 + r.Integer(25) : r.Integer(50)));

    public static FeatureFamily HeavilyTied { get; } = new("heavily tied (rounded normal)", "mean + shift sigma before rounding", false,
        (r, n, s) => Fill(n, () => Math.Round(r.Normal() + s)));

    public static FeatureFamily ZeroInflated { get; } = new("zero-inflated (70% zeros, 1-49)", "zero share - shift", false,
        (r, n, s) => Fill(n, () => r.Uniform() < 0.7 - s ? 0 : 1 + r.Integer(49)));

    public static FeatureFamily Rounded { get; } = new("rounded amounts (lognormal)", "log-mean + shift", false,
        (r, n, s) => Fill(n, () => Math.Round(Math.Exp(3 + s + r.Normal()))));

    public static FeatureFamily Mixed { get; } = new("mixed (40% zeros, continuous rest)", "log-mean + shift", false,
        (r, n, s) => Fill(n, () => r.Uniform() < 0.4 ? 0 : Math.Exp(s + r.Normal())));

    public static IReadOnlyList<FeatureFamily> All { get; } =
        [Continuous, Binary, Ratings5, Ratings10, Counts, Uniform50, HeavilyTied, ZeroInflated, Rounded, Mixed];

    private static double[] Fill(int n, Func<double> draw)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = draw();
        }

        return values;
    }

    private static double[] Levels(SeededRandom r, int n, double[] probabilities, int first)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = first + r.Categorical(probabilities);
        }

        return values;
    }
}

namespace Monitor.Statistics;

/// <summary>
/// The Jensen-Shannon distance in base 2 (in [0, 1]), as <c>scipy.spatial.distance.jensenshannon(p, q, base=2)</c>:
/// both vectors are normalised to sum to one, and zero shares need no smoothing (0 log 0 = 0).
/// </summary>
public static class JensenShannonDistance
{
    public static double Base2(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException("Both distributions must have the same categories.");
        }

        double sumP = 0, sumQ = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sumP += p[i];
            sumQ += q[i];
        }

        double divergence = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = p[i] / sumP;
            double qi = q[i] / sumQ;
            double m = (pi + qi) / 2.0;
            divergence += RelativeEntropy(pi, m) + RelativeEntropy(qi, m);
        }

        // Rounding can leave a tiny negative divergence for identical inputs.
        return Math.Sqrt(Math.Max(0, divergence / Math.Log(2) / 2.0));
    }

    // scipy.special.rel_entr: x log(x/y), 0 at x = 0.
    private static double RelativeEntropy(double x, double y) => x > 0 && y > 0 ? x * Math.Log(x / y) : x == 0 && y >= 0 ? 0 : double.PositiveInfinity;
}

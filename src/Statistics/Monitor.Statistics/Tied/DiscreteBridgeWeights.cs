namespace Monitor.Statistics;

/// <summary>
/// The weights of the limiting null of the Cramér-von Mises statistic on discrete data. With pooled cell
/// probabilities p_k and cumulative probabilities H_k, T tends to sum_k p_k B(H_k)^2 for a Brownian bridge B,
/// a weighted sum of independent chi-squares with one degree of freedom whose weights are the eigenvalues of
/// D^1/2 S D^1/2 (S_ij = min(H_i, H_j) - H_i H_j, D = diag(p)). The bridge is Markov, so the inverse of that
/// matrix is tridiagonal, and its smallest eigenvalues (the largest weights) come from Sturm-sequence bisection
/// in O(k) per step. With many equal small cells the weights tend to 1 / (j pi)^2, the continuous limit.
/// </summary>
public static class DiscreteBridgeWeights
{
    /// <summary>Weights kept; the rest of the trace is added as a constant (their spread is negligible).</summary>
    public const int MaxWeights = 20;

    /// <summary>Cells beyond this are merged (small neighbours only) before the eigenvalues are taken.</summary>
    public const int MaxCells = 2000;

    /// <summary>The largest weights, descending, and the sum of the others (the trace not covered).</summary>
    public static (double[] Weights, double Remainder) Of(ReadOnlySpan<int> pooled)
    {
        double[] p = Probabilities(pooled);
        int points = p.Length - 1; // H = 1 at the last cell: B(1) = 0 carries no weight
        if (points <= 0)
        {
            return ([], 0);
        }

        double trace = 0, cumulative = 0;
        var diagonal = new double[points];
        var offDiagonal = new double[Math.Max(0, points - 1)];
        for (int i = 0; i < points; i++)
        {
            cumulative += p[i];
            trace += p[i] * cumulative * (1 - cumulative);
            diagonal[i] = (1 / p[i] + 1 / p[i + 1]) / p[i];
            if (i + 1 < points)
            {
                double b = -1 / (p[i + 1] * Math.Sqrt(p[i] * p[i + 1]));
                offDiagonal[i] = b * b; // Sturm counts need only the squares
            }
        }

        double upper = 0;
        for (int i = 0; i < points; i++)
        {
            double radius = (i > 0 ? Math.Sqrt(offDiagonal[i - 1]) : 0) + (i + 1 < points ? Math.Sqrt(offDiagonal[i]) : 0);
            upper = Math.Max(upper, diagonal[i] + radius);
        }

        int count = Math.Min(points, MaxWeights);
        var weights = new double[count];
        double covered = 0;
        double lower = 0;
        for (int j = 0; j < count; j++)
        {
            // The (j+1)-th smallest eigenvalue mu of the tridiagonal inverse (the weight is 1 / mu): search upward
            // from the previous one (they grow about as j^2), then bisect to a relative 1e-10.
            double hi = Math.Max(lower * 2, 1);
            while (hi < upper && CountBelow(diagonal, offDiagonal, hi) < j + 1)
            {
                hi = Math.Min(upper, hi * 2);
            }

            double lo = lower;
            while (hi - lo > 1e-10 * hi)
            {
                double mid = 0.5 * (lo + hi);
                if (CountBelow(diagonal, offDiagonal, mid) >= j + 1)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            double mu = 0.5 * (lo + hi);
            lower = lo;
            weights[j] = 1 / mu;
            covered += weights[j];
        }

        return (weights, Math.Max(0, trace - covered));
    }

    /// <summary>Eigenvalues below x of the symmetric tridiagonal matrix (Sturm count via the LDL' pivots).</summary>
    private static int CountBelow(double[] diagonal, double[] offSquared, double x)
    {
        int count = 0;
        double q = diagonal[0] - x;
        if (q < 0)
        {
            count++;
        }

        for (int i = 1; i < diagonal.Length; i++)
        {
            if (q == 0)
            {
                q = 1e-300;
            }

            q = diagonal[i] - x - offSquared[i - 1] / q;
            if (q < 0)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Cell probabilities, with runs of small neighbouring cells merged when there are too many cells.</summary>
    private static double[] Probabilities(ReadOnlySpan<int> pooled)
    {
        double total = 0;
        int cells = 0;
        foreach (int c in pooled)
        {
            total += c;
            cells += c > 0 ? 1 : 0;
        }

        var p = new List<double>(Math.Min(cells, MaxCells * 2));
        double limit = cells > MaxCells ? 1.0 / MaxCells : 0;
        double run = 0;
        foreach (int c in pooled)
        {
            if (c == 0)
            {
                continue;
            }

            double share = c / total;
            if (run > 0 && run + share > limit)
            {
                p.Add(run);
                run = 0;
            }

            run += share;
        }

        if (run > 0)
        {
            p.Add(run);
        }

        return p.ToArray();
    }
}

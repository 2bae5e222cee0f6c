using MathNet.Numerics;

namespace Monitor.Statistics;

/// <summary>
/// P(sum_j w_j X_j + c &gt; x) for independent chi-squares X_j with one degree of freedom and positive weights,
/// by the Lugannani-Rice saddlepoint approximation (Kuonen 1999 shows it accurate to a few per cent relative far
/// into the tail for quadratic forms, where Imhof's oscillating integral loses its digits). One weight is exact.
/// </summary>
public static class WeightedChiSquareTail
{
    public static double Survival(ReadOnlySpan<double> weights, double constant, double x)
    {
        double y = x - constant;
        if (weights.IsEmpty)
        {
            // No spread at all (a constant reference): only a statistic above the constant is evidence.
            return y <= 0 ? 1.0 : 0.0;
        }

        if (y <= 0)
        {
            return 1.0;
        }

        if (weights.Length == 1)
        {
            return SpecialFunctions.Erfc(Math.Sqrt(y / (2 * weights[0])));
        }

        double largest = 0, smallest = double.MaxValue, mean = 0, k2 = 0, k3 = 0;
        foreach (double w in weights)
        {
            largest = Math.Max(largest, w);
            smallest = Math.Min(smallest, w);
            mean += w;
            k2 += 2 * w * w;
            k3 += 8 * w * w * w;
        }

        // K'(s) = sum w / (1 - 2 w s) rises from 0 to infinity on (-inf, 1 / (2 w_max)) and is convex, so Newton's
        // method started right of the root (K' >= y there) falls to it monotonically: a dozen steps where bisection
        // to the same precision took fifty. lo bounds the root from the left (K'(lo) <= y) against rounding.
        double lo = y < mean ? (1 - mean / y) / (2 * smallest) : 0;
        double s = y > mean ? (1 - largest / y) / (2 * largest) : 0;
        for (int i = 0; i < 100; i++)
        {
            double first = 0, slope = 0;
            foreach (double w in weights)
            {
                double t = w / (1 - 2 * w * s);
                first += t;
                slope += 2 * t * t;
            }

            double step = (first - y) / slope;
            double next = Math.Max(lo, s - step);
            if (!(Math.Abs(next - s) > 1e-14 * Math.Max(1, Math.Abs(s))))
            {
                s = next;
                break;
            }

            s = next;
        }

        double cumulant = 0, second = 0;
        foreach (double w in weights)
        {
            double d = 1 - 2 * w * s;
            cumulant -= 0.5 * Math.Log(d);
            second += 2 * w * w / (d * d);
        }

        double r = 2 * (s * y - cumulant);
        double wv = Math.Sign(s) * Math.Sqrt(Math.Max(0, r));
        double u = s * Math.Sqrt(second);
        if (Math.Abs(wv) < 1e-4 || Math.Abs(u) < 1e-8)
        {
            // At the mean the formula is 0/0; its limit is the skewness correction of the normal.
            return 0.5 - k3 / (6 * Math.Sqrt(2 * Math.PI) * Math.Pow(k2, 1.5));
        }

        double p = StandardNormal.Sf(wv) + StandardNormal.Pdf(wv) * (1 / u - 1 / wv);
        return Math.Clamp(p, 0, 1);
    }
}

namespace Monitor.Statistics;

/// <summary>
/// The one-sided one-sample Kolmogorov-Smirnov statistic D+_n (Smirnov 1944; Birnbaum and Tingey 1951):
/// P(D+_n &gt;= x) = sum over v = 0..floor(n(1-x)) of C(n,v) x (x+v/n)^(v-1) (1-x-v/n)^(n-v).
/// Every term is positive, so the sum is evaluated in logarithms without cancellation; this is the
/// <c>scipy.special.smirnov</c> that scipy's two-sided distribution calls for its upper tail.
/// </summary>
internal static class SmirnovDistribution
{
    // log(2^-1075): below this exp() underflows to zero.
    private const double MinLog = -745.1332191019412;
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>P(D+_n &gt;= x).</summary>
    public static double Sf(int n, double x)
    {
        if (!(n > 0 && x >= 0.0 && x <= 1.0))
        {
            return double.NaN;
        }

        if (n == 1)
        {
            return 1 - x;
        }

        if (x == 0.0)
        {
            return 1.0;
        }

        if (x == 1.0)
        {
            return 0.0;
        }

        // n*x split exactly into an integer part and a fraction, so 1 - x - v/n keeps its digits.
        double nxHigh = n * x;
        double nxLow = Math.FusedMultiplyAdd(n, x, -nxHigh);
        double floor = Math.Floor(nxHigh);
        double alpha = (nxHigh - floor) + nxLow;
        if (alpha < 0)
        {
            floor -= 1;
            alpha += 1;
        }

        if (alpha >= 1)
        {
            floor += 1;
            alpha -= 1;
        }

        int nxFloor = (int)floor;

        if (nxFloor == 0 || (nxFloor == 1 && alpha == 0))
        {
            // x <= 1/n: the closed form x (1+x)^(n-1) for the CDF.
            double cdf = x * Math.Pow(1 + x, n - 1);
            return Math.Clamp(1 - cdf, 0, 1);
        }

        if (-2.0 * n * x * x < MinLog)
        {
            return 0.0;
        }

        if (nxFloor >= n - 1)
        {
            return Math.Pow(1 - x, n);
        }

        if (n > 1_000_000)
        {
            // Too many terms: the approximation p ~ exp(-(6nx+1)^2 / 18n), as scipy does past this size.
            double logp = -Math.Pow(6.0 * n * x + 1, 2) / 18.0 / n;
            return Math.Exp(logp);
        }

        int last = n - nxFloor - 1;
        double logX = Math.Log(x);
        double logBinomial = 0;
        double sum = 0;
        int middle = n / 2;
        for (int v = 0; v <= last; v++)
        {
            double up = (nxFloor + v + alpha) / n;          // x + v/n
            double down = ((n - v - nxFloor) - alpha) / n;  // 1 - x - v/n
            double logTerm = logBinomial + logX + (v - 1) * Math.Log(up) + (n - v) * Math.Log(down);
            double term = Math.Exp(logTerm);
            sum += term;

            if (term != 0)
            {
                // The remaining terms cannot change the sum in double precision.
                if (v > 0 && v != last && 4.0 * (last + 1 - v) * term < MachineEpsilon * sum)
                {
                    break;
                }
            }
            else if (v > middle)
            {
                break;
            }

            logBinomial += Math.Log((double)(n - v) / (v + 1));
        }

        return Math.Clamp(sum, 0, 1);
    }
}

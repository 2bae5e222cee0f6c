using MathNet.Numerics;

namespace Monitor.Statistics;

/// <summary>The standard normal tails, computed from erfc so small tail probabilities keep their digits.</summary>
public static class StandardNormal
{
    /// <summary>P(Z &gt; z).</summary>
    public static double Sf(double z) => 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2.0));

    /// <summary>The density at z.</summary>
    public static double Pdf(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

    /// <summary>P(Z &lt;= z).</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2.0));

    /// <summary>The z with P(Z &lt;= z) = p.</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }

        return -Math.Sqrt(2.0) * SpecialFunctions.ErfcInv(2 * p);
    }
}

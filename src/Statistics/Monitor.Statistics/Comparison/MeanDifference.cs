using MathNet.Numerics.Distributions;

namespace Monitor.Statistics.Comparison;

/// <summary>
/// The difference of two means, B − A, from each sample's mean, variance and size: Welch's t-test and the
/// 95% interval of the difference with Welch-Satterthwaite degrees of freedom.
/// </summary>
public static class MeanDifference
{
    public static WelchDifference Welch(double meanA, double varianceA, long countA, double meanB, double varianceB, long countB)
    {
        var difference = meanB - meanA;
        if (varianceA == 0 && varianceB == 0)
        {
            return new WelchDifference(difference, difference, difference, double.NaN, double.NaN, difference == 0 ? 1 : 0);
        }

        var result = WelchTTest.FromMoments(meanA, varianceA, Clamp(countA), meanB, varianceB, Clamp(countB));
        var se = Math.Sqrt((varianceA / countA) + (varianceB / countB));
        var t = StudentT.InvCDF(0, 1, result.DegreesOfFreedom, 0.975);
        return new WelchDifference(difference, difference - (t * se), difference + (t * se), result.Statistic, result.DegreesOfFreedom, result.PValue);
    }

    private static int Clamp(long n) => (int)Math.Min(n, int.MaxValue);
}

public readonly record struct WelchDifference(double Difference, double Lower, double Upper, double T, double DegreesOfFreedom, double PValue);

namespace Monitor.Statistics.Comparison;

/// <summary>
/// The difference of one quantile of two samples, B − A. Each sample's standard error comes from the spread
/// of its distribution-free confidence limits for the quantile; the difference is tested with a z-test on
/// the two independent errors, and its 95% interval is the difference ± 1.96 combined errors.
/// </summary>
public static class QuantileDifference
{
    /// <summary>The values beyond a tail quantile each sample needs before its error can be estimated.</summary>
    public const double MinTailValues = 5;

    public readonly record struct Result(double Difference, double StandardError, double PValue, double Lower, double Upper);

    public static Result Test(double valueA, double lowerA, double upperA, double valueB, double lowerB, double upperB)
    {
        var z = TwoProportionZTest.Z975;
        var seA = (upperA - lowerA) / (2 * z);
        var seB = (upperB - lowerB) / (2 * z);
        var se = Math.Sqrt((seA * seA) + (seB * seB));
        var difference = valueB - valueA;
        var p = se > 0 ? Math.Clamp(2 * StandardNormal.Sf(Math.Abs(difference) / se), 0, 1) : difference == 0 ? 1 : 0;
        return new Result(difference, se, p, difference - (z * se), difference + (z * se));
    }

    /// <summary>The fewest values per sample that put <see cref="MinTailValues"/> beyond quantile <paramref name="q"/>; null when there are enough.</summary>
    public static long? LeastForTail(double q, long countA, long countB)
    {
        var tail = Math.Min(q, 1 - q);
        return Math.Min(countA, countB) * tail < MinTailValues ? (long)Math.Ceiling(MinTailValues / tail) : null;
    }

    /// <summary>The sample per version that detects the difference at 80% power: the larger size scaled by ((z₀.₉₇₅ + z₀.₈)·SE / |difference|)².</summary>
    public static long SampleForPower(Result result, long countA, long countB)
    {
        var scale = Math.Pow((TwoProportionZTest.Z975 + StandardNormal.Quantile(Verdicts.Power)) * result.StandardError / Math.Abs(result.Difference), 2);
        return (long)Math.Ceiling(Math.Max(countA, countB) * scale);
    }
}

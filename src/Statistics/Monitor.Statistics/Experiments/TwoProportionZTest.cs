namespace Monitor.Statistics;

/// <summary>
/// The two-sided z-test for the difference of two proportions (e.g. conversion of version A vs B): pooled
/// standard error for the test (the null says the rates are equal), unpooled (Wald) standard error for the
/// confidence interval of the difference (the interval describes the rates as observed).
/// </summary>
public static class TwoProportionZTest
{
    /// <summary>z_{0.975}, the two-sided 95% normal quantile.</summary>
    public const double Z975 = 1.959963984540054;

    public static TwoProportionZTestResult Compare(long successesA, long trialsA, long successesB, long trialsB)
    {
        if (trialsA <= 0 || trialsB <= 0)
        {
            throw new ArgumentException("Both groups need at least one trial.");
        }

        if (successesA < 0 || successesA > trialsA || successesB < 0 || successesB > trialsB)
        {
            throw new ArgumentException("Successes must lie between 0 and the number of trials.");
        }

        double pa = (double)successesA / trialsA;
        double pb = (double)successesB / trialsB;
        double difference = pb - pa;

        double pooled = (double)(successesA + successesB) / (trialsA + trialsB);
        double pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        double z = pooledSe > 0 ? difference / pooledSe : 0.0;
        double p = pooledSe > 0 ? Math.Clamp(2 * StandardNormal.Sf(Math.Abs(z)), 0, 1) : 1.0;

        double se = Math.Sqrt(pa * (1 - pa) / trialsA + pb * (1 - pb) / trialsB);
        double lift = pa > 0 ? difference / pa : double.NaN;
        double cohensH = 2 * Math.Asin(Math.Sqrt(pb)) - 2 * Math.Asin(Math.Sqrt(pa));

        return new TwoProportionZTestResult(pa, pb, difference, difference - Z975 * se, difference + Z975 * se, lift, cohensH, z, p);
    }
}

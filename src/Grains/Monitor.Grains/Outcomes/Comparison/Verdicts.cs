namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>How a difference B − A reads: significant at the 5% level and in the better direction, or not.</summary>
public static class Verdicts
{
    public const double Alpha = 0.05;
    public const double Power = 0.8;

    public const string Better = "better";
    public const string Worse = "worse";
    public const string NoSignificantDifference = "no_significant_difference";
    public const string InsufficientData = "insufficient_data";

    public const string Higher = "higher";
    public const string Lower = "lower";

    public static string Of(double difference, double pValue, string betterWhen)
    {
        if (double.IsNaN(pValue) || double.IsNaN(difference))
        {
            return InsufficientData;
        }

        if (pValue >= Alpha || difference == 0)
        {
            return NoSignificantDifference;
        }

        return (difference > 0) == (betterWhen == Higher) ? Better : Worse;
    }

    public static double? Relative(double a, double difference) =>
        a == 0 || double.IsNaN(a) || double.IsNaN(difference) ? null : difference / Math.Abs(a);

    public static MetricComparison Insufficient(string metric, string betterWhen, string test, double? a, double? b, long samplesA, long samplesB, string note) => new()
    {
        Metric = metric,
        BetterWhen = betterWhen,
        A = a,
        B = b,
        SamplesA = samplesA,
        SamplesB = samplesB,
        Test = test,
        Verdict = InsufficientData,
        Note = note,
    };

    /// <summary>The sample each group needs, and how much more each has to collect.</summary>
    public static PowerEstimate Needed(long perVersion, long samplesA, long samplesB) => new()
    {
        PerVersion = perVersion,
        AdditionalA = Math.Max(0, perVersion - samplesA),
        AdditionalB = Math.Max(0, perVersion - samplesB),
    };
}

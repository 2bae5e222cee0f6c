namespace Monitor.Statistics.Comparison;

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
}

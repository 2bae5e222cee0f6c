using Monitor.Statistics.Comparison;

namespace Monitor.Grains.Outcomes.Comparison;

/// <summary>The answers every comparison shares: too little data to judge, and the sample that would be enough.</summary>
public static class MetricComparisons
{
    public static MetricComparison Insufficient(string metric, string betterWhen, string test, double? a, double? b, long samplesA, long samplesB, string note) => new()
    {
        Metric = metric,
        BetterWhen = betterWhen,
        A = a,
        B = b,
        SamplesA = samplesA,
        SamplesB = samplesB,
        Test = test,
        Verdict = Verdicts.InsufficientData,
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

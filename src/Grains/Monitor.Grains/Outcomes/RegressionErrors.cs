namespace Monitor.Grains.Outcomes;

/// <summary>Sums of the errors (prediction − truth) of labelled regression predictions.</summary>
[GenerateSerializer, Alias("monitor.RegressionErrors")]
public sealed class RegressionErrors
{
    [Id(0)] public long Count { get; private set; }
    [Id(1)] public double AbsoluteSum { get; private set; }
    [Id(2)] public double SquaredSum { get; private set; }
    [Id(3)] public double Sum { get; private set; }

    /// <summary>Σ |error| / |truth| over the labels whose truth is not zero.</summary>
    [Id(4)] public double RelativeSum { get; private set; }
    [Id(5)] public long RelativeCount { get; private set; }

    public void Add(double prediction, double truth)
    {
        var error = prediction - truth;
        Count++;
        AbsoluteSum += Math.Abs(error);
        SquaredSum += error * error;
        Sum += error;
        if (truth != 0)
        {
            RelativeSum += Math.Abs(error) / Math.Abs(truth);
            RelativeCount++;
        }
    }

    public void Merge(RegressionErrors other)
    {
        Count += other.Count;
        AbsoluteSum += other.AbsoluteSum;
        SquaredSum += other.SquaredSum;
        Sum += other.Sum;
        RelativeSum += other.RelativeSum;
        RelativeCount += other.RelativeCount;
    }
}

namespace Monitor.Grains.Windows;

/// <summary>
/// What a model predicted: counts per class label (labels are bounded by the owning window) and a
/// sketch of numeric predictions for regression models.
/// </summary>
[GenerateSerializer, Alias("monitor.PredictionTally")]
public sealed class PredictionTally
{
    // Read-only stand-in while a bucket has no numeric prediction (classifiers never do): a sketch takes 200 bytes.
    private static readonly QuantileSketch NoNumbers = new();

    [Id(0)] public Dictionary<string, long> LabelCounts { get; private set; } = new();
    [Id(1)] private QuantileSketch? _numbers;

    /// <summary>The sketch of numeric predictions; an empty one that must not be changed until the first.</summary>
    public QuantileSketch Numbers => _numbers ?? NoNumbers;

    public long Count => Numbers.Count + LabelCountTotal;

    private long LabelCountTotal
    {
        get
        {
            long total = 0;
            foreach (var count in LabelCounts.Values)
            {
                total += count;
            }

            return total;
        }
    }

    public void AddLabel(string label)
    {
        LabelCounts[label] = LabelCounts.GetValueOrDefault(label) + 1;
    }

    public void AddNumber(double value) => (_numbers ??= new QuantileSketch()).Add(value);

    /// <summary>Packs the numbers' sketch (see <see cref="QuantileSketch.Pack"/>).</summary>
    public void Pack() => _numbers?.Pack();

    public void Merge(PredictionTally other)
    {
        foreach (var (label, count) in other.LabelCounts)
        {
            LabelCounts[label] = LabelCounts.GetValueOrDefault(label) + count;
        }

        if (other._numbers is { Count: > 0 } numbers)
        {
            (_numbers ??= new QuantileSketch()).Merge(numbers);
        }
    }
}

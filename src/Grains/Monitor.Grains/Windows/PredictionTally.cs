namespace Monitor.Grains.Windows;

/// <summary>
/// What a model predicted: counts per class label (labels are bounded by the owning window) and a
/// sketch of numeric predictions for regression models.
/// </summary>
[GenerateSerializer, Alias("monitor.PredictionTally")]
public sealed class PredictionTally
{
    [Id(0)] public Dictionary<string, long> LabelCounts { get; private set; } = new();
    [Id(1)] public QuantileSketch Numbers { get; private set; } = new();

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

    public void AddNumber(double value) => Numbers.Add(value);

    public void Merge(PredictionTally other)
    {
        foreach (var (label, count) in other.LabelCounts)
        {
            LabelCounts[label] = LabelCounts.GetValueOrDefault(label) + count;
        }

        Numbers.Merge(other.Numbers);
    }
}

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

    private static readonly Dictionary<string, long> NoLabels = [];

    // Null until the first label (a bucket of a model with numeric outputs needs none: an empty dictionary takes 80 bytes).
    [Id(0)] private Dictionary<string, long>? _labels;
    [Id(1)] private QuantileSketch? _numbers;

    public IReadOnlyDictionary<string, long> LabelCounts => _labels ?? NoLabels;

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
        var labels = _labels ??= [];
        labels[label] = labels.GetValueOrDefault(label) + 1;
    }

    public void AddNumber(double value) => (_numbers ??= new QuantileSketch()).Add(value);

    /// <summary>Packs the numbers' sketch (see <see cref="QuantileSketch.Pack"/>).</summary>
    public void Pack()
    {
        _numbers?.Pack();
        if (_labels is { Count: 0 })
        {
            _labels = null;
        }
    }

    public void Merge(PredictionTally other)
    {
        if (other._labels is { Count: > 0 } otherLabels)
        {
            var labels = _labels ??= [];
            foreach (var (label, count) in otherLabels)
            {
                labels[label] = labels.GetValueOrDefault(label) + count;
            }
        }

        if (other._numbers is { Count: > 0 } numbers)
        {
            (_numbers ??= new QuantileSketch()).Merge(numbers);
        }
    }
}

namespace Monitor.Grains.Outcomes.Estimation;

/// <summary>
/// How much a realized metric varies from one sample of a given size to the next, measured on the labelled
/// reference: the rows are shuffled (seeded), cut into chunks, and the standard deviation of each chunk's
/// accuracy, macro precision, recall and F1 is taken. The chunk size is the largest power of two that is
/// at most the sample size and at most a tenth of the reference, so there are always at least ten chunks
/// (from up to eight shuffles, at most 400 chunks); a spread measured on chunks smaller than the sample
/// is scaled by √(chunk / sample), as the spread of a mean shrinks. Results are kept per chunk size.
/// </summary>
public sealed class ChunkSpread(int[] predicted, int[] actual)
{
    public const int MinChunks = 10;
    private const int MaxChunks = 400;
    private const int MaxShuffles = 8;
    private const int Seed = 20261202;

    private readonly Dictionary<int, MetricSpread> _byChunk = [];
    private readonly Lock _gate = new();

    /// <summary>The spread for samples of <paramref name="size"/>; null when the reference has fewer than ten rows.</summary>
    public MetricSpread? For(long size)
    {
        var rows = predicted.Length;
        if (size < 1 || rows < MinChunks)
        {
            return null;
        }

        var limit = (int)Math.Min(size, rows / MinChunks);
        var chunk = 1;
        while (chunk * 2 <= limit)
        {
            chunk *= 2;
        }

        MetricSpread spread;
        lock (_gate)
        {
            if (!_byChunk.TryGetValue(chunk, out spread!))
            {
                spread = Measure(chunk);
                _byChunk[chunk] = spread;
            }
        }

        var scale = Math.Sqrt(chunk / (double)size);
        return new MetricSpread(spread.Accuracy * scale, spread.PrecisionMacro * scale, spread.RecallMacro * scale, spread.F1Macro * scale, chunk, spread.Chunks);
    }

    private MetricSpread Measure(int chunk)
    {
        var rows = predicted.Length;
        var perShuffle = rows / chunk;
        var shuffles = Math.Clamp((MaxChunks + perShuffle - 1) / perShuffle, 1, MaxShuffles);
        var order = new int[rows];
        var random = new Random(Seed);
        var accuracy = new List<double>();
        var precision = new List<double>();
        var recall = new List<double>();
        var f1 = new List<double>();
        for (var s = 0; s < shuffles && accuracy.Count < MaxChunks; s++)
        {
            for (var i = 0; i < rows; i++)
            {
                order[i] = i;
            }

            random.Shuffle(order);
            for (var c = 0; c < perShuffle && accuracy.Count < MaxChunks; c++)
            {
                var confusion = new ConfusionCounts();
                long right = 0;
                for (var k = c * chunk; k < (c + 1) * chunk; k++)
                {
                    var row = order[k];
                    confusion.Add(actual[row], predicted[row]);
                    right += actual[row] == predicted[row] ? 1 : 0;
                }

                var scores = ClassScores.Of(confusion);
                accuracy.Add((double)right / chunk);
                precision.Add(scores.PrecisionMacro ?? 0);
                recall.Add(scores.RecallMacro ?? 0);
                f1.Add(scores.F1Macro ?? 0);
            }
        }

        return new MetricSpread(Deviation(accuracy), Deviation(precision), Deviation(recall), Deviation(f1), chunk, accuracy.Count);
    }

    // Sample standard deviation (n − 1).
    private static double Deviation(List<double> values)
    {
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return values.Count < 2 ? 0 : Math.Sqrt(squares / (values.Count - 1));
    }
}

/// <summary>Standard deviations of the realized metrics for one sample size, and the chunks they were measured on.</summary>
public sealed record MetricSpread(double Accuracy, double PrecisionMacro, double RecallMacro, double F1Macro, int ChunkSize, int Chunks);

using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// Labelled predictions by confidence, in the same twenty bins as the window's confidence histogram:
/// how many, their summed confidence and how many were right. Gives the reliability curve, the
/// expected calibration error and the confidence-based estimate over the labelled predictions.
/// </summary>
[GenerateSerializer, Alias("monitor.CalibrationBins")]
public sealed class CalibrationBins
{
    public const int BinCount = ConfidenceHistogram.BinCount;

    [Id(0)] private readonly long[] _counts = new long[BinCount];
    [Id(1)] private readonly double[] _confidence = new double[BinCount];
    [Id(2)] private readonly long[] _correct = new long[BinCount];

    public ReadOnlySpan<long> Counts => _counts;

    public ReadOnlySpan<double> ConfidenceSums => _confidence;

    public ReadOnlySpan<long> CorrectCounts => _correct;

    public void Add(double confidence, bool correct)
    {
        var bin = ConfidenceHistogram.BinOf(confidence);
        _counts[bin]++;
        _confidence[bin] += confidence;
        _correct[bin] += correct ? 1 : 0;
    }

    public void Merge(CalibrationBins other)
    {
        for (var i = 0; i < BinCount; i++)
        {
            _counts[i] += other._counts[i];
            _confidence[i] += other._confidence[i];
            _correct[i] += other._correct[i];
        }
    }
}

using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// The labels and business events of one time bucket, by their own time (when the truth was
/// observed, when the event happened). Parts are created on first use, so a version without labels
/// or events carries nothing.
/// </summary>
[GenerateSerializer, Alias("monitor.OutcomeBucket")]
public sealed class OutcomeBucket
{
    [Id(0)] public long Classified { get; private set; }
    [Id(1)] public long Correct { get; private set; }
    [Id(2)] public ConfusionCounts? Confusion { get; private set; }
    [Id(3)] public ScoreHistogram? Scores { get; private set; }
    [Id(4)] public CalibrationBins? Calibration { get; private set; }
    [Id(5)] public RegressionErrors? Regression { get; private set; }

    /// <summary>Seconds from prediction to label, of the labels joined here.</summary>
    [Id(6)] public QuantileSketch? DelaySeconds { get; private set; }
    [Id(7)] public long Duplicates { get; set; }
    [Id(8)] public long Late { get; set; }
    [Id(9)] public long UnknownIds { get; set; }
    [Id(10)] public long Unscorable { get; set; }
    [Id(11)] public EventTally? Events { get; private set; }

    /// <summary>Labels joined and scored here.</summary>
    public long Joined => Classified + (Regression?.Count ?? 0);

    public void AddClassified(int actual, int predicted)
    {
        Classified++;
        Correct += actual == predicted ? 1 : 0;
        (Confusion ??= new ConfusionCounts()).Add(actual, predicted);
    }

    public ScoreHistogram ScoresOrNew() => Scores ??= new ScoreHistogram();

    public CalibrationBins CalibrationOrNew() => Calibration ??= new CalibrationBins();

    public RegressionErrors RegressionOrNew() => Regression ??= new RegressionErrors();

    public EventTally EventsOrNew() => Events ??= new EventTally();

    public void AddDelay(double seconds) => (DelaySeconds ??= new QuantileSketch()).Add(seconds);

    public void Merge(OutcomeBucket other)
    {
        Classified += other.Classified;
        Correct += other.Correct;
        Duplicates += other.Duplicates;
        Late += other.Late;
        UnknownIds += other.UnknownIds;
        Unscorable += other.Unscorable;
        if (other.Confusion is not null)
        {
            (Confusion ??= new ConfusionCounts()).Merge(other.Confusion);
        }

        if (other.Scores is not null)
        {
            ScoresOrNew().Merge(other.Scores);
        }

        if (other.Calibration is not null)
        {
            CalibrationOrNew().Merge(other.Calibration);
        }

        if (other.Regression is not null)
        {
            RegressionOrNew().Merge(other.Regression);
        }

        if (other.DelaySeconds is not null)
        {
            (DelaySeconds ??= new QuantileSketch()).Merge(other.DelaySeconds);
        }

        if (other.Events is not null)
        {
            EventsOrNew().Merge(other.Events);
        }
    }
}

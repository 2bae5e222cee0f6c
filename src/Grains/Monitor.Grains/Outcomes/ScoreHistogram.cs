namespace Monitor.Grains.Outcomes;

/// <summary>
/// For ROC AUC of a binary classifier: the score of class id 0 (the confidence when it was predicted,
/// one minus the confidence otherwise) in 101 bins centred on multiples of 0.01, split by whether
/// the true class is class 0. Labels involving any other class make the version non-binary here.
/// </summary>
[GenerateSerializer, Alias("monitor.ScoreHistogram")]
public sealed class ScoreHistogram
{
    public const int Bins = 101;

    [Id(0)] private readonly long[] _class0 = new long[Bins];
    [Id(1)] private readonly long[] _others = new long[Bins];
    [Id(2)] private long _nonBinary;

    public ReadOnlySpan<long> Class0 => _class0;

    public ReadOnlySpan<long> Others => _others;

    /// <summary>Labels where the prediction or the truth was a third class.</summary>
    public long NonBinary => _nonBinary;

    public static int BinOf(double score) => (int)Math.Round(Math.Clamp(score, 0, 1) * (Bins - 1), MidpointRounding.AwayFromZero);

    public void Add(double scoreOfClass0, bool isClass0)
    {
        (isClass0 ? _class0 : _others)[BinOf(scoreOfClass0)]++;
    }

    public void AddNonBinary() => _nonBinary++;

    public void Merge(ScoreHistogram other)
    {
        for (var i = 0; i < Bins; i++)
        {
            _class0[i] += other._class0[i];
            _others[i] += other._others[i];
        }

        _nonBinary += other._nonBinary;
    }
}

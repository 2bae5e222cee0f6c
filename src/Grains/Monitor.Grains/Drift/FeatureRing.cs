using Monitor.Grains.Ingest;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Drift;

/// <summary>
/// The feature window (the last W records) of a version with a reference, kept column by column in rings that
/// ingest writes while each batch is still in cache: per reference feature the value kinds, numbers and texts,
/// per record its schema flags, and the model outputs. Drift tests do not depend on the order of a sample, so an
/// evaluation reads the rings as they are, without gathering values from hundreds of batches. Not stored: it is
/// rebuilt from the version's recent batches when the grain activates or the reference changes.
/// </summary>
public sealed class FeatureRing
{
    public const byte UnknownFlag = 1;
    public const byte MissingFlag = 2;

    // Names listed as unknown features, at most.
    private const int MaxUnknownNames = 50;

    private readonly Dictionary<string, long> _unknownLastSeen = new(StringComparer.Ordinal);

    public FeatureRing(QualitySchema schema, int capacity, bool outputs)
    {
        Capacity = Math.Max(1, capacity);
        Schema = schema;
        Kinds = new FeatureValueKind[schema.Count][];
        Numbers = new double[schema.Count][];
        Texts = new string?[schema.Count][];
        for (var j = 0; j < schema.Count; j++)
        {
            Kinds[j] = new FeatureValueKind[Capacity];
            Numbers[j] = new double[Capacity];
            Texts[j] = schema.Check(j) == QualityCheck.Categorical ? new string?[Capacity] : [];
        }

        RecordFlags = new byte[Capacity];
        if (outputs)
        {
            PredictionNumbers = new double[Capacity];
            PredictionLabels = new string?[Capacity];
            Confidences = new double[Capacity];
        }
    }

    /// <summary>A ring holding the last <paramref name="capacity"/> records of the recent batches (on activation, or for a new reference).</summary>
    public static FeatureRing Build(QualitySchema schema, int capacity, bool outputs, RecentBatches recent)
    {
        var ring = new FeatureRing(schema, capacity, outputs);
        var counter = new DataQualityCounter(schema);
        var discarded = new DataQualityCounts();
        var skip = Math.Max(0, recent.Records - ring.Capacity);
        foreach (var batch in recent.Batches)
        {
            if (skip >= batch.Count)
            {
                skip -= batch.Count;
                continue;
            }

            counter.Write(batch, skip, batch.Count, discarded, ring);
            skip = 0;
        }

        return ring;
    }

    public QualitySchema Schema { get; }

    public int Capacity { get; }

    /// <summary>Records held (at most <see cref="Capacity"/>): slots [0, Count) are valid.</summary>
    public int Count { get; private set; }

    /// <summary>The slot the next record goes to.</summary>
    public int Next { get; private set; }

    /// <summary>Records written since the ring was built.</summary>
    public long Appended { get; private set; }

    public FeatureValueKind[][] Kinds { get; }

    /// <summary>Per feature, the number where the record has one, NaN elsewhere (the form the drift engine takes).</summary>
    public double[][] Numbers { get; }

    /// <summary>Per categorical feature, the text where the record has text (empty for numeric features).</summary>
    public string?[][] Texts { get; }

    public byte[] RecordFlags { get; }

    public double[]? PredictionNumbers { get; }

    public string?[]? PredictionLabels { get; }

    public double[]? Confidences { get; }

    /// <summary>How many of the next records fit before the ring wraps.</summary>
    public int Room => Capacity - Next;

    /// <summary>Feature names the reference lacks that records in the window had (at most 50).</summary>
    public IReadOnlyList<string> UnknownFeatures()
    {
        var oldest = Appended - Count;
        var names = new List<string>();
        foreach (var (name, last) in _unknownLastSeen)
        {
            if (last >= oldest)
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Writes a schema feature's values of records [start, end) at <see cref="Next"/>.</summary>
    internal void Write(int feature, FeatureColumn column, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            // One record per request is common: plain stores beat three span copies.
            Kinds[feature][Next] = column.Kinds[start];
            Numbers[feature][Next] = column.Numbers[start];
            if (Texts[feature] is { Length: > 0 } one)
            {
                one[Next] = column.Texts?[start];
            }

            return;
        }

        column.Kinds.AsSpan(start, n).CopyTo(Kinds[feature].AsSpan(Next));
        column.Numbers.AsSpan(start, n).CopyTo(Numbers[feature].AsSpan(Next));
        var texts = Texts[feature];
        if (texts.Length > 0)
        {
            if (column.Texts is { } source)
            {
                source.AsSpan(start, n).CopyTo(texts.AsSpan(Next));
            }
            else
            {
                texts.AsSpan(Next, n).Clear();
            }
        }
    }

    /// <summary>Marks a schema feature as absent from records [Next, Next + n).</summary>
    internal void WriteAbsent(int feature, int n)
    {
        Kinds[feature].AsSpan(Next, n).Clear();
        Numbers[feature].AsSpan(Next, n).Fill(double.NaN);
        if (Texts[feature].Length > 0)
        {
            Texts[feature].AsSpan(Next, n).Clear();
        }
    }

    internal void NoteUnknown(string name, int offset)
    {
        if (_unknownLastSeen.Count >= MaxUnknownNames && !_unknownLastSeen.ContainsKey(name))
        {
            ForgetStaleUnknown();
            if (_unknownLastSeen.Count >= MaxUnknownNames)
            {
                return;
            }
        }

        _unknownLastSeen[name] = Appended + offset;
    }

    /// <summary>Finishes records [start, end) of the batch: their flags and outputs, then moves on.</summary>
    internal void Advance(PredictionBatch batch, int start, int end, ReadOnlySpan<byte> flags)
    {
        var n = end - start;
        flags.CopyTo(RecordFlags.AsSpan(Next));
        if (Confidences is not null && n == 1)
        {
            Confidences[Next] = batch.Confidences[start];
            PredictionNumbers![Next] = batch.Predictions.Numbers[start];
            PredictionLabels![Next] = batch.Predictions.Labels?[start];
        }
        else if (Confidences is not null)
        {
            batch.Confidences.AsSpan(start, n).CopyTo(Confidences.AsSpan(Next));
            batch.Predictions.Numbers.AsSpan(start, n).CopyTo(PredictionNumbers.AsSpan(Next));
            if (batch.Predictions.Labels is { } labels)
            {
                labels.AsSpan(start, n).CopyTo(PredictionLabels.AsSpan(Next));
            }
            else
            {
                PredictionLabels.AsSpan(Next, n).Clear();
            }
        }

        Next = (Next + n) % Capacity;
        Count = Math.Min(Capacity, Count + n);
        Appended += n;
    }

    private void ForgetStaleUnknown()
    {
        var oldest = Appended - Count;
        foreach (var (name, last) in _unknownLastSeen)
        {
            if (last < oldest)
            {
                _unknownLastSeen.Remove(name);
            }
        }
    }
}

using Monitor.Grains.Ingest;

namespace Monitor.Grains.Drift;

/// <summary>
/// A capture under way: the version's next <see cref="Target"/> records, kept as the batches that hold them
/// (batches are immutable and shared with the windows), until there are enough to become the reference.
/// It is part of the version's state from its start; its batches are stored in pages committed with the window's
/// checkpoints (<see cref="DriftPages"/>), so a capture survives a restart and holds what the restored window holds.
/// </summary>
public sealed class ReferenceCapture
{
    // Whole numbers with at most this many distinct values are class labels, as the version's summary decides.
    private const int MaxNumericClasses = 50;

    private readonly List<PredictionBatch> _batches = [];
    private int _written;

    public ReferenceCapture(int target, long startedMs, IReadOnlyDictionary<string, FeatureType> declared)
        : this(new CaptureProgressState
        {
            Target = target,
            StartedMs = startedMs,
            Declared = new Dictionary<string, FeatureType>(declared, StringComparer.Ordinal),
            CaptureId = Random.Shared.NextInt64(),
        })
    {
    }

    private ReferenceCapture(CaptureProgressState state) => State = state;

    /// <summary>What the version's state keeps of the capture.</summary>
    public CaptureProgressState State { get; }

    public int Target => State.Target;

    public int Captured { get; private set; }

    public IReadOnlyDictionary<string, FeatureType> Declared => State.Declared;

    public bool IsComplete => Captured >= Target;

    /// <summary>Pages of its batches the last committed checkpoint holds (see <see cref="CaptureMark"/>).</summary>
    public int Pages { get; private set; }

    /// <summary>A capture as stored: its progress and the pages of batches its checkpoint holds.</summary>
    public static ReferenceCapture Restore(CaptureProgressState state, IEnumerable<CapturePage> pages)
    {
        var capture = new ReferenceCapture(state);
        foreach (var page in pages)
        {
            foreach (var batch in page.Batches)
            {
                capture.Offer(batch);
            }

            capture.Pages++;
        }

        capture._written = capture._batches.Count;
        return capture;
    }

    /// <summary>Takes the batch's records up to the target; true once the target is reached.</summary>
    public bool Offer(PredictionBatch batch)
    {
        if (IsComplete || batch.Count == 0)
        {
            return IsComplete;
        }

        _batches.Add(batch);
        Captured = Math.Min(Target, Captured + batch.Count);
        return IsComplete;
    }

    /// <summary>The batches taken since the last committed page (empty when none).</summary>
    public PredictionBatch[] Unwritten() => [.. _batches.Skip(_written)];

    /// <summary>Records that a checkpoint committed the next <paramref name="batches"/> batches as page <see cref="Pages"/>.</summary>
    public void PageCommitted(int batches)
    {
        _written += batches;
        Pages++;
    }

    public CaptureProgress Progress() => new()
    {
        Target = Target,
        Captured = Captured,
        StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(State.StartedMs),
        DeclaredTypes = State.Declared,
    };

    /// <summary>The captured records as reference columns: types declared or inferred (text makes a feature categorical).</summary>
    public (ReferenceData? Reference, IReadOnlyList<FieldProblem> Problems) Build()
    {
        var rows = Captured;
        var names = new List<string>();
        var seen = new Dictionary<string, (bool Text, bool Number)>(StringComparer.Ordinal);
        bool anyLabel = false, anyConfidence = false;
        Visit((batch, start, end) =>
        {
            foreach (var column in batch.Features)
            {
                if (!seen.TryGetValue(column.Name, out var kinds))
                {
                    names.Add(column.Name);
                }

                for (var i = start; i < end; i++)
                {
                    kinds.Text |= column.Kinds[i] == FeatureValueKind.Text;
                    kinds.Number |= column.Kinds[i] == FeatureValueKind.Number;
                }

                seen[column.Name] = kinds;
            }

            for (var i = start; i < end; i++)
            {
                anyLabel |= batch.Predictions.IsPresent(i);
                anyConfidence |= !double.IsNaN(batch.Confidences[i]);
            }
        });

        var problems = new List<FieldProblem>();
        var columns = new List<ReferenceColumn>(names.Count);
        foreach (var name in names)
        {
            var declared = State.Declared.TryGetValue(name, out var type);
            if (!declared)
            {
                type = seen[name].Text ? FeatureType.Categorical : FeatureType.Numeric;
            }

            var column = type == FeatureType.Numeric ? NumericColumn(name, rows, declared, problems) : CategoricalColumn(name, rows, declared);
            if (column is not null)
            {
                columns.Add(column);
            }
        }

        foreach (var name in State.Declared.Keys)
        {
            if (!seen.ContainsKey(name))
            {
                problems.Add(new FieldProblem($"features.{name}", "was declared, but none of the captured records has it"));
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new ReferenceData
        {
            Features = [.. columns],
            Predictions = anyLabel ? Predictions(rows) : null,
            Confidences = anyConfidence ? Confidences(rows) : null,
            Source = "capture",
        }, []);
    }

    private ReferenceColumn? NumericColumn(string name, int rows, bool declared, List<FieldProblem> problems)
    {
        var values = new double[rows];
        Array.Fill(values, double.NaN);
        var at = 0;
        FieldProblem? problem = null;
        Visit((batch, start, end) =>
        {
            var column = Find(batch, name);
            if (column is not null)
            {
                for (var i = start; i < end; i++)
                {
                    if (column.Kinds[i] == FeatureValueKind.Number)
                    {
                        values[at + i - start] = column.Numbers[i];
                    }
                    else if (column.Kinds[i] == FeatureValueKind.Text && problem is null)
                    {
                        problem = new FieldProblem($"features.{name}",
                            $"declared numeric, but captured record {at + i - start} has the text '{column.Texts![i]}'");
                    }
                }
            }

            at += end - start;
        });

        if (problem is not null)
        {
            problems.Add(problem);
            return null;
        }

        return ReferenceColumn.Numeric(name, values, declared);
    }

    private ReferenceColumn CategoricalColumn(string name, int rows, bool declared)
    {
        var labels = new string?[rows];
        var at = 0;
        Visit((batch, start, end) =>
        {
            var column = Find(batch, name);
            if (column is not null)
            {
                for (var i = start; i < end; i++)
                {
                    labels[at + i - start] = column.Kinds[i] switch
                    {
                        FeatureValueKind.Text => column.Texts![i],
                        FeatureValueKind.Number => NumberLabel.Of(column.Numbers[i]),
                        _ => null,
                    };
                }
            }

            at += end - start;
        });
        return ReferenceColumn.Categorical(name, labels, declared);
    }

    // Predictions become class labels when any is a string, or when all are whole numbers with few distinct values.
    private ReferenceColumn Predictions(int rows)
    {
        var numbers = new double[rows];
        var labels = new string?[rows];
        var at = 0;
        var text = false;
        Visit((batch, start, end) =>
        {
            for (var i = start; i < end; i++)
            {
                numbers[at + i - start] = batch.Predictions.Numbers[i];
                labels[at + i - start] = batch.Predictions.Labels?[i];
                text |= labels[at + i - start] is not null;
            }

            at += end - start;
        });

        var distinct = new HashSet<double>();
        var whole = true;
        foreach (var v in numbers)
        {
            if (!double.IsNaN(v))
            {
                whole &= v == Math.Floor(v) && Math.Abs(v) <= 1e15;
                distinct.Add(v);
            }
        }

        if (!text && !(whole && distinct.Count <= MaxNumericClasses))
        {
            return ReferenceColumn.Numeric(PreparedReference.PredictionName, numbers);
        }

        for (var r = 0; r < rows; r++)
        {
            labels[r] ??= double.IsNaN(numbers[r]) ? null : NumberLabel.Of(numbers[r]);
        }

        return ReferenceColumn.Categorical(PreparedReference.PredictionName, labels);
    }

    private double[] Confidences(int rows)
    {
        var values = new double[rows];
        var at = 0;
        Visit((batch, start, end) =>
        {
            Array.Copy(batch.Confidences, start, values, at, end - start);
            at += end - start;
        });
        return values;
    }

    /// <summary>Visits the captured part of each batch in order: the last batch may be taken only in part.</summary>
    private void Visit(Action<PredictionBatch, int, int> visit)
    {
        var left = Captured;
        foreach (var batch in _batches)
        {
            var take = Math.Min(left, batch.Count);
            if (take <= 0)
            {
                break;
            }

            visit(batch, 0, take);
            left -= take;
        }
    }

    private static FeatureColumn? Find(PredictionBatch batch, string name)
    {
        foreach (var column in batch.Features)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }
}

/// <summary>
/// A capture as the version's state keeps it, written when it starts; its batches are in <see cref="CapturePage"/>s,
/// and how many of them are stored is part of the window checkpoint (<see cref="CaptureMark"/>).
/// </summary>
[GenerateSerializer, Alias("monitor.CaptureProgressState")]
public sealed class CaptureProgressState
{
    [Id(0)] public int Target { get; set; }
    [Id(1)] public long StartedMs { get; set; }
    [Id(2)] public Dictionary<string, FeatureType> Declared { get; set; } = new(StringComparer.Ordinal);

    // Id 3 held the page count before it moved to the checkpoint's core row; not to be reused.

    /// <summary>Tells this capture's pages from an earlier capture's left in the same rows.</summary>
    [Id(4)] public long CaptureId { get; set; }
}

/// <summary>Batches a capture took between two checkpoints.</summary>
[GenerateSerializer, Alias("monitor.CapturePage")]
public sealed class CapturePage
{
    [Id(0)] public long CaptureId { get; init; }
    [Id(1)] public PredictionBatch[] Batches { get; init; } = [];
}

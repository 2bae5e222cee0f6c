namespace Monitor.Grains.Outcomes.Estimation;

/// <summary>
/// The successful predictions of one time bucket that carried a confidence, by predicted class and by
/// confidence cell: how many, and the sum and sum of squares of their raw confidences. Cells are 0.1
/// wide on the log-odds scale (from −28 to 28), so confidences of 0.999 and 0.99999 stay apart, as a
/// calibration fitted on raw confidences needs; only cells that occur are held. Failed predictions are
/// not counted: they are not scored when their labels arrive either.
/// </summary>
[GenerateSerializer, Alias("monitor.ConfidenceCells")]
public sealed class ConfidenceCells
{
    public const double CellWidth = 0.1;
    public const double MaxLogOdds = 28;

    // String keys compare ordinally by default; no custom comparer, so the stored form stays plain.
    [Id(0)] private readonly Dictionary<string, Dictionary<int, CellTotal>> _classes = [];

    // Predictions of one class come in runs (the same interned string for a whole batch): the last class's cells.
    [NonSerialized] private string? _lastName;
    [NonSerialized] private Dictionary<int, CellTotal>? _lastCells;

    public IReadOnlyDictionary<string, Dictionary<int, CellTotal>> Classes => _classes;

    public long Count
    {
        get
        {
            long n = 0;
            foreach (var cells in _classes.Values)
            {
                foreach (var cell in cells.Values)
                {
                    n += cell.Count;
                }
            }

            return n;
        }
    }

    public static int CellOf(double confidence)
    {
        var c = Math.Clamp(confidence, 1e-12, 1 - 1e-12);
        var logOdds = Math.Clamp(Math.Log(c / (1 - c)), -MaxLogOdds, MaxLogOdds);
        return (int)Math.Floor(logOdds / CellWidth);
    }

    public void Add(string predictedClass, double confidence)
    {
        var cells = ReferenceEquals(predictedClass, _lastName) ? _lastCells : null;
        if (cells is null && !_classes.TryGetValue(predictedClass, out cells))
        {
            cells = [];
            _classes[predictedClass] = cells;
        }

        (_lastName, _lastCells) = (predictedClass, cells);

        var cell = CellOf(confidence);
        cells[cell] = cells.GetValueOrDefault(cell).Add(confidence);
    }

    public void Merge(ConfidenceCells other)
    {
        foreach (var (name, otherCells) in other._classes)
        {
            if (!_classes.TryGetValue(name, out var cells))
            {
                cells = [];
                _classes[name] = cells;
            }

            foreach (var (cell, total) in otherCells)
            {
                cells[cell] = cells.GetValueOrDefault(cell).Merge(total);
            }
        }
    }
}

/// <summary>Count, sum and sum of squares of the raw confidences in one cell.</summary>
[GenerateSerializer, Immutable, Alias("monitor.CellTotal")]
public readonly record struct CellTotal(
    [property: Id(0)] long Count,
    [property: Id(1)] double Sum,
    [property: Id(2)] double SumOfSquares)
{
    public double Mean => Sum / Count;

    public CellTotal Add(double confidence) => new(Count + 1, Sum + confidence, SumOfSquares + (confidence * confidence));

    public CellTotal Merge(CellTotal other) => new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);
}

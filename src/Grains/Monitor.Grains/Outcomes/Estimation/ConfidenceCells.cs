using System.Text;
using Monitor.Statistics.Sketches;

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

    // Stand-in for the cells while they are packed (never changed: every change unpacks first).
    private static readonly Dictionary<string, Dictionary<int, CellTotal>> NoClasses = [];

    // String keys compare ordinally by default; no custom comparer, so the stored form stays plain.
    [Id(0)] private Dictionary<string, Dictionary<int, CellTotal>> _classes = [];

    // Packed as cells stored before the names moved into the bytes: the class names, and per class its cell count and
    // then each cell as a varint gap, a varint count and two doubles. Still read; the next Pack rewrites them as _packed.
    [Id(1)] private string[]? _packedNames;
    [Id(2)] private byte[]? _packedCells;

    // Packed (see Pack): per class its name and cell count, then each cell as a varint gap, a varint count with a flag,
    // the sum and, unless the flag says it is the sum's square over the count (one confidence), the sum of squares: about
    // 15 bytes a cell instead of a dictionary entry's 40-odd; _classes is then the empty stand-in.
    [Id(3)] private byte[]? _packed;

    // Predictions of one class come in runs (the same interned string for a whole batch): the last class's cells.
    [NonSerialized] private string? _lastName;
    [NonSerialized] private Dictionary<int, CellTotal>? _lastCells;

    /// <summary>The cells by class (read from the packed form, unchanged, when the cells are packed).</summary>
    public IReadOnlyDictionary<string, Dictionary<int, CellTotal>> Classes => IsPacked ? Unpacked() : _classes;

    public bool IsPacked => _packed is not null || _packedCells is not null;

    public long Count
    {
        get
        {
            long n = 0;
            ForEachPacked((_, _, total) => n += total.Count);
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
        Unpack();
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
        Unpack();
        other.ForEachPacked((name, cell, total) => Merge(CellsOf(name), cell, total));
        foreach (var (name, otherCells) in other._classes)
        {
            var cells = CellsOf(name);
            foreach (var (cell, total) in otherCells)
            {
                Merge(cells, cell, total);
            }
        }
    }

    /// <summary>
    /// Packs the cells of a bucket whose interval is over (lossless: every figure read from them stays the same);
    /// the next <see cref="Add"/> or merge into them unpacks them.
    /// </summary>
    public void Pack()
    {
        if (_packedCells is not null)
        {
            Unpack();
        }

        if (_packed is not null || _classes.Count == 0)
        {
            // Cells read back packed come with an empty dictionary of their own.
            _classes = _packed is null ? _classes : NoClasses;
            return;
        }

        var packed = new Varint(_classes.Values.Sum(c => c.Count) * 20);
        foreach (var (name, cells) in _classes)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            packed.Write((ulong)utf8.Length);
            packed.WriteBytes(utf8);

            packed.Write((ulong)cells.Count);
            long previous = 0;
            foreach (var (cell, total) in cells.OrderBy(c => c.Key))
            {
                var squares = BitConverter.DoubleToInt64Bits(total.SumOfSquares) == BitConverter.DoubleToInt64Bits(total.Sum * total.Sum / total.Count);
                packed.WriteSigned(cell - previous);
                packed.Write(((ulong)total.Count << 1) | (squares ? 1UL : 0));
                packed.WriteDouble(total.Sum);
                if (!squares)
                {
                    packed.WriteDouble(total.SumOfSquares);
                }

                previous = cell;
            }
        }

        _packed = packed.ToArray();
        _classes = NoClasses;
        (_lastName, _lastCells) = (null, null);
    }

    private static void Merge(Dictionary<int, CellTotal> cells, int cell, CellTotal total) =>
        cells[cell] = cells.GetValueOrDefault(cell).Merge(total);

    private Dictionary<int, CellTotal> CellsOf(string name)
    {
        if (!_classes.TryGetValue(name, out var cells))
        {
            cells = [];
            _classes[name] = cells;
        }

        return cells;
    }

    private void Unpack()
    {
        if (IsPacked)
        {
            _classes = Unpacked();
            (_packedNames, _packedCells, _packed) = (null, null, null);
        }
    }

    private Dictionary<string, Dictionary<int, CellTotal>> Unpacked()
    {
        var classes = new Dictionary<string, Dictionary<int, CellTotal>>();
        ForEachPacked((name, cell, total) =>
        {
            if (!classes.TryGetValue(name, out var cells))
            {
                cells = [];
                classes[name] = cells;
            }

            cells[cell] = total;
        });
        return classes;
    }

    private void ForEachPacked(Action<string, int, CellTotal> visit)
    {
        if (_packed is not null)
        {
            ForEachCell(_packed, visit);
        }

        if (_packedCells is null)
        {
            return;
        }

        var reader = new Varint.Reader(_packedCells);
        foreach (var name in _packedNames!)
        {
            var n = (long)reader.Read();
            long cell = 0;
            for (var i = 0; i < n; i++)
            {
                cell += reader.ReadSigned();
                var count = (long)reader.Read();
                var sum = reader.ReadDouble();
                visit(name, (int)cell, new CellTotal(count, sum, reader.ReadDouble()));
            }
        }
    }

    private static void ForEachCell(ReadOnlySpan<byte> packed, Action<string, int, CellTotal> visit)
    {
        var reader = new Varint.Reader(packed);
        while (!reader.AtEnd)
        {
            var length = (int)reader.Read();
            var name = Encoding.UTF8.GetString(reader.ReadBytes(length));
            var n = (long)reader.Read();
            long cell = 0;
            for (var i = 0; i < n; i++)
            {
                cell += reader.ReadSigned();
                var flagged = reader.Read();
                var count = (long)(flagged >> 1);
                var sum = reader.ReadDouble();
                var squares = (flagged & 1) != 0 ? sum * sum / count : reader.ReadDouble();
                visit(name, (int)cell, new CellTotal(count, sum, squares));
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

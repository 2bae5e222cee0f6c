using System.Globalization;
using Monitor.Statistics.Drift;

namespace Monitor.Statistics.Tests.Drift.Corpus;

/// <summary>
/// One CSV of the drift corpus (TestData/drift-corpus, made by make_corpus.py): numeric columns as numbers, the
/// rest as text. The files have no quoted cells, so a line splits on commas.
/// </summary>
public sealed class CorpusTable
{
    private CorpusTable(string[] names, string[][] cells)
    {
        Names = names;
        Cells = cells;
        Numeric = names.Select((_, c) => cells.All(row => double.TryParse(row[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double _))).ToArray();
    }

    public string[] Names { get; }

    public string[][] Cells { get; }

    public bool[] Numeric { get; }

    public int Rows => Cells.Length;

    public static CorpusTable Load(string file)
    {
        string[] lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "drift-corpus", file));
        return new CorpusTable(lines[0].Split(','), lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray());
    }

    public int Column(string name) => Array.IndexOf(Names, name) is >= 0 and var c ? c : throw new ArgumentException($"no column {name}");

    /// <summary>The rows as drift columns; <paramref name="change"/> may rewrite a column's values (NaN / null = missing).</summary>
    public DriftColumn[] Columns(IReadOnlyList<int> rows, Func<int, double[], double[]>? numericChange = null, Func<int, string?[], string?[]>? textChange = null)
    {
        var columns = new DriftColumn[Names.Length];
        for (int c = 0; c < Names.Length; c++)
        {
            if (Numeric[c])
            {
                double[] values = rows.Select(r => double.Parse(Cells[r][c], CultureInfo.InvariantCulture)).ToArray();
                columns[c] = DriftColumn.Numeric(Names[c], numericChange?.Invoke(c, values) ?? values);
            }
            else
            {
                string?[] values = rows.Select(r => (string?)Cells[r][c]).ToArray();
                columns[c] = DriftColumn.Categorical(Names[c], textChange?.Invoke(c, values) ?? values);
            }
        }

        return columns;
    }
}

using Sylvan.Data.Csv;

namespace Monitor.Cli;

/// <summary>A CSV file read whole as text columns, header row first.</summary>
public sealed class CsvTable
{
    private CsvTable(string path, string[] names, List<string?>[] columns, int rows)
    {
        Path = path;
        Names = names;
        Columns = columns;
        Rows = rows;
    }

    public string Path { get; }

    public string[] Names { get; }

    public List<string?>[] Columns { get; }

    public int Rows { get; }

    public int IndexOf(string name) => Array.IndexOf(Names, name);

    public static CsvTable Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"File not found: {path}");
        }

        using CsvDataReader reader = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true });
        var names = new string[reader.FieldCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i).Trim();
        }

        if (names.Length == 0 || names.All(string.IsNullOrEmpty))
        {
            throw new CliInputException($"{path} has no header row.");
        }

        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CliInputException($"{path} names column '{duplicate.Key}' twice.");
        }

        var columns = new List<string?>[names.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = [];
        }

        int rows = 0;
        while (reader.Read())
        {
            rows++;
            int fields = reader.RowFieldCount;
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i].Add(i < fields ? reader.GetString(i) : null);
            }
        }

        return new CsvTable(path, names, columns, rows);
    }
}

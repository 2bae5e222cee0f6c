using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitor.Cli;
using Monitor.Statistics;

namespace Monitor.Cli.Tests;

/// <summary>Runs <c>monitor drift</c> in-process on temporary CSV files.</summary>
public sealed class DriftCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-drift-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteCsv(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private (string Reference, string Current, double[] RefAmount, double[] CurAmount) TwoFiles(double shift)
    {
        var random = new SeededSamples(11);
        var reference = new StringBuilder("amount,country,note\n");
        var current = new StringBuilder("amount,country\n");
        var refAmount = new List<double>();
        var curAmount = new List<double>();
        for (int i = 0; i < 400; i++)
        {
            double a = Math.Round(random.Normal() * 10 + 50, 4);
            refAmount.Add(a);
            reference.Append(a.ToString(CultureInfo.InvariantCulture)).Append(',').Append(i % 2 == 0 ? "DE" : "FR").Append(",x\n");
        }

        for (int i = 0; i < 300; i++)
        {
            double a = Math.Round(random.Normal() * 10 + 50 + shift, 4);
            if (i == 7)
            {
                current.Append(",DE\n");
                continue;
            }

            curAmount.Add(a);
            current.Append(a.ToString(CultureInfo.InvariantCulture)).Append(',').Append(i % 3 == 0 ? "US" : "DE").Append('\n');
        }

        return (WriteCsv("ref.csv", reference.ToString()), WriteCsv("cur.csv", current.ToString()), refAmount.ToArray(), curAmount.ToArray());
    }

    [Fact]
    public void PrintsTheReportAsSnakeCaseJson()
    {
        (string reference, string current, double[] refAmount, double[] curAmount) = TwoFiles(shift: 5);
        (int exit, string output, string error) = Run("drift", "--reference", reference, "--current", current);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("dataset").GetProperty("drifted").GetBoolean());
        Assert.Equal("bonferroni", root.GetProperty("dataset").GetProperty("correction").GetString());

        JsonElement[] features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(["amount", "country", "note"], features.Select(f => f.GetProperty("name").GetString()));
        JsonElement amount = features[0];
        Assert.Equal("numeric", amount.GetProperty("kind").GetString());
        Assert.Equal(299, amount.GetProperty("current_size").GetInt32());
        Assert.Equal(1, amount.GetProperty("current_missing").GetInt32());
        Assert.Equal("cramer_von_mises", amount.GetProperty("verdict").GetProperty("test").GetString());

        JsonElement ks = amount.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("test").GetString() == "kolmogorov_smirnov");
        KolmogorovSmirnovResult expected = KolmogorovSmirnovTest.TwoSample(refAmount, curAmount);
        Assert.Equal(expected.PValue, ks.GetProperty("p_value").GetDouble());
        Assert.Equal(expected.Statistic, ks.GetProperty("statistic").GetDouble());

        JsonElement country = features[1];
        Assert.Equal("categorical", country.GetProperty("kind").GetString());
        Assert.True(country.GetProperty("unseen_share").GetDouble() > 0.3);
        Assert.Equal("missing_from_current", features[2].GetProperty("status").GetString());
    }

    [Fact]
    public void PrintsATableAndHonoursTheTestOption()
    {
        (string reference, string current, _, _) = TwoFiles(shift: 0);
        (int exit, string output, _) = Run("drift", "-r", reference, "-c", current, "--format", "table", "--test", "psi", "--correction", "bh", "--alpha", "0.01");

        Assert.Equal(0, exit);
        Assert.StartsWith("Dataset: ", output);
        Assert.Contains("benjamini_hochberg", output);
        string amountLine = output.Split('\n').Single(l => l.StartsWith("amount"));
        Assert.Contains(" psi ", amountLine);
        Assert.Contains(" evaluated ", amountLine);
        string countryLine = output.Split('\n').Single(l => l.StartsWith("country"));
        Assert.Contains(" psi ", countryLine);
        string noteLine = output.Split('\n').Single(l => l.StartsWith("note"));
        Assert.Contains(" missing_from_current ", noteLine);
    }

    [Fact]
    public void TooFewCurrentRowsGiveInsufficientDataAndNoDriftedFlagInJsonAndTable()
    {
        string reference = WriteCsv("ref-few.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i % 10},{(i % 2 == 0 ? "a" : "b")}\n")));
        string current = WriteCsv("cur-few.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i % 10},a\n")));

        (int exit, string output, string error) = Run("drift", "-r", reference, "-c", current);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement dataset = json.RootElement.GetProperty("dataset");
        Assert.Equal("insufficient_data", dataset.GetProperty("status").GetString());
        Assert.False(dataset.TryGetProperty("drifted", out _));
        Assert.Equal(0, dataset.GetProperty("features_tested").GetInt32());
        Assert.All(json.RootElement.GetProperty("features").EnumerateArray(), f => Assert.Equal("insufficient_data", f.GetProperty("status").GetString()));

        (int tableExit, string table, _) = Run("drift", "-r", reference, "-c", current, "--format", "table");
        Assert.Equal(0, tableExit);
        Assert.StartsWith("Dataset: insufficient data, no verdict [insufficient_data]", table);
        Assert.DoesNotContain("no drift", table);
        Assert.Contains(" insufficient_data ", table.Split('\n').Single(l => l.StartsWith("x ")));
    }

    [Fact]
    public void AMissingFileIsAnError()
    {
        (string reference, _, _, _) = TwoFiles(0);
        (int exit, string output, string error) = Run("drift", "--reference", reference, "--current", Path.Combine(_directory, "nope.csv"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("File not found", error);
        Assert.Contains("nope.csv", error);
    }

    [Fact]
    public void NoCommonColumnsIsAnError()
    {
        string reference = WriteCsv("a.csv", "x,y\n1,2\n3,4\n");
        string current = WriteCsv("b.csv", "p,q\n1,2\n");
        (int exit, _, string error) = Run("drift", "--reference", reference, "--current", current);
        Assert.Equal(1, exit);
        Assert.Contains("no column in common", error);
    }

    [Fact]
    public void ANonNumericValueInANumericColumnIsAnError()
    {
        string reference = WriteCsv("a.csv", "x,y\n1,2\n3,4\n5,6\n");
        string current = WriteCsv("b.csv", "x,y\n1,2\n3,abc\n");
        (int exit, _, string error) = Run("drift", "--reference", reference, "--current", current);
        Assert.Equal(1, exit);
        Assert.Contains("'y'", error);
        Assert.Contains("row 3", error);
        Assert.Contains("'abc'", error);

        // Declared numeric, the reference itself is checked too.
        string badReference = WriteCsv("c.csv", "x,y\n1,2\nfoo,4\n");
        (int exit2, _, string error2) = Run("drift", "--reference", badReference, "--current", current, "--numeric", "x");
        Assert.Equal(1, exit2);
        Assert.Contains("'foo'", error2);

        // Declared categorical, the same text is fine.
        (int exit3, _, string error3) = Run("drift", "--reference", reference, "--current", current, "--categorical", "y");
        Assert.Equal(0, exit3);
        Assert.Equal("", error3);
    }

    [Fact]
    public void AnEmptyReferenceIsAnError()
    {
        string reference = WriteCsv("a.csv", "x,y\n");
        string current = WriteCsv("b.csv", "x,y\n1,2\n");
        (int exit, _, string error) = Run("drift", "--reference", reference, "--current", current);
        Assert.Equal(1, exit);
        Assert.Contains("no data rows", error);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        (string reference, string current, _, _) = TwoFiles(0);
        Assert.NotEqual(0, Run("drift", "-r", reference, "-c", current, "--format", "xml").Exit);
        Assert.NotEqual(0, Run("drift", "-r", reference, "-c", current, "--alpha", "2").Exit);
        Assert.NotEqual(0, Run("drift", "-r", reference).Exit);
    }
}

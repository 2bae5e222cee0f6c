using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Monitor.Cli;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor drift</c>'s multivariate section, in-process on temporary CSV files.</summary>
public sealed class MultivariateDriftCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-multivariate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_correlation_flip_drifts_in_the_multivariate_section_only()
    {
        var random = new SeededSamples(5);
        var reference = Csv("ref.csv", random, 3000, flip: false);
        var current = Csv("cur.csv", random, 800, flip: true);

        var (exit, output, error) = Run("drift", "-r", reference, "-c", current);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("dataset").GetProperty("drifted").GetBoolean());
        var multivariate = json.RootElement.GetProperty("multivariate");
        Assert.True(multivariate.GetProperty("drifted").GetBoolean());
        Assert.Equal(800, multivariate.GetProperty("window_rows").GetInt32());
        Assert.Equal(3, multivariate.GetProperty("features").GetArrayLength());

        var (tableExit, table, _) = Run("drift", "-r", reference, "-c", current, "--format", "table");
        Assert.Equal(0, tableExit);
        Assert.Contains("Multivariate (PCA reconstruction, 1 components", table);
        Assert.Contains(": DRIFT [evaluated]", table);
    }

    [Fact]
    public void Unchanged_correlations_do_not_drift()
    {
        var random = new SeededSamples(6);
        var reference = Csv("ref.csv", random, 3000, flip: false);
        var current = Csv("cur.csv", random, 800, flip: false);

        var (exit, output, _) = Run("drift", "-r", reference, "-c", current);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("multivariate").GetProperty("drifted").GetBoolean());
    }

    private string Csv(string name, SeededSamples random, int rows, bool flip)
    {
        var text = new StringBuilder("a,b,c,kind\n");
        for (var i = 0; i < rows; i++)
        {
            var a = random.Normal();
            var middle = (0.8 * a) + (0.6 * random.Normal());
            var c = (0.8 * middle) + (0.6 * random.Normal());
            text.Append(CultureInfo.InvariantCulture, $"{a:R},{(flip ? -middle : middle):R},{c:R},k{i % 3}\n");
        }

        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

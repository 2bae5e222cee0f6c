using System.Text.Json;

namespace Monitor.Tests.Statistics;

/// <summary>Reference vectors computed with numpy 1.24 / scipy 1.10, loaded once from TestData.</summary>
internal static class StatVectors
{
    private static readonly Dictionary<string, JsonDocument> Cache = new();

    public static JsonElement Load(string file = "stat_vectors.json")
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out JsonDocument? document))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "TestData", file);
                document = JsonDocument.Parse(File.ReadAllText(path));
                Cache[file] = document;
            }

            return document.RootElement;
        }
    }

    public static IEnumerable<object[]> Cases(string section, string file = "stat_vectors.json")
    {
        JsonElement root = Load(file);
        int count = root.GetProperty(section).GetArrayLength();
        for (int i = 0; i < count; i++)
        {
            yield return [file, i];
        }
    }

    public static JsonElement Case(string file, string section, int index) => Load(file).GetProperty(section)[index];

    public static double[] Doubles(this JsonElement element, string name)
    {
        JsonElement array = element.GetProperty(name);
        var result = new double[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            result[i++] = item.GetDouble();
        }

        return result;
    }

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();

    /// <summary>Relative 1e-6 or absolute 1e-12, the spec's agreement rule.</summary>
    public static void Close(double expected, double actual, string what)
    {
        bool ok = expected == actual
            || Math.Abs(expected - actual) <= 1e-12
            || Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected);
        Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
    }
}

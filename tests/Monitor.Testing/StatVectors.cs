using System.Text.Json;

namespace Monitor.Testing;

/// <summary>
/// Reference vectors computed with numpy 1.24 / scipy 1.10 (TestData, made by make_extra_vectors.py and the
/// spec's scripts), each file parsed once; compared with the spec's agreement rule.
/// </summary>
public static class StatVectors
{
    public const string Statistics = "stat_vectors.json";
    public const string Outcomes = "outcome_vectors.json";

    private static readonly Dictionary<string, JsonDocument> Cache = new(StringComparer.Ordinal);

    public static JsonElement Load(string file = Statistics)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var document))
            {
                document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file)));
                Cache[file] = document;
            }

            return document.RootElement;
        }
    }

    public static JsonElement Section(string name, string file = Statistics) => Load(file).GetProperty(name);

    /// <summary>Theory data: one row (file, index) per case of a section.</summary>
    public static IEnumerable<object[]> Cases(string section, string file = Statistics)
    {
        var count = Section(section, file).GetArrayLength();
        for (var i = 0; i < count; i++)
        {
            yield return [file, i];
        }
    }

    public static JsonElement Case(string file, string section, int index) => Section(section, file)[index];

    public static double[] Doubles(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>Strings as written; other values (numbers, booleans) as their JSON text.</summary>
    public static string[] Strings(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();

    /// <summary>Relative 1e-6 or absolute 1e-12, the spec's agreement rule.</summary>
    public static bool IsClose(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= Math.Max(1e-12, 1e-6 * Math.Abs(expected));

    public static void Close(double expected, double actual, string what) =>
        Assert.True(
            IsClose(expected, actual),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
}

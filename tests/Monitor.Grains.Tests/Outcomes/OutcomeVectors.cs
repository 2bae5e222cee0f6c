using System.Text.Json;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>
/// Expected values computed with numpy 1.24 / scipy 1.10 (TestData/outcome_vectors.json) and the
/// shared statistics vectors; compared with the spec's rule (relative 1e-6 or absolute 1e-12).
/// </summary>
internal static class OutcomeVectors
{
    private static readonly Lazy<JsonElement> Outcomes = new(() => Load("outcome_vectors.json"));
    private static readonly Lazy<JsonElement> Statistics = new(() => Load("stat_vectors.json"));

    public static JsonElement Root => Outcomes.Value;

    public static JsonElement Stat(string section) => Statistics.Value.GetProperty(section);

    public static JsonElement Get(string section) => Outcomes.Value.GetProperty(section);

    public static double[] Doubles(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    public static string[] Strings(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];

    public static double Number(this JsonElement element, string name) => element.GetProperty(name).GetDouble();

    public static void Close(double expected, double actual, string what)
    {
        var ok = expected == actual
            || Math.Abs(expected - actual) <= 1e-12
            || Math.Abs(expected - actual) <= 1e-6 * Math.Abs(expected);
        Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", file))).RootElement;
}

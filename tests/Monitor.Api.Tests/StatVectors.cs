using System.Text.Json;

namespace Monitor.Api.Tests;

/// <summary>The shared reference vectors (numpy 1.24 / scipy 1.10), linked into TestData.</summary>
internal static class StatVectors
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "stat_vectors.json"))));

    public static JsonElement Section(string name) => Document.Value.RootElement.GetProperty(name);

    public static double[] Doubles(this JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>Relative 1e-6 or absolute 1e-12, the spec's agreement rule.</summary>
    public static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= Math.Max(1e-12, 1e-6 * Math.Abs(expected));
}

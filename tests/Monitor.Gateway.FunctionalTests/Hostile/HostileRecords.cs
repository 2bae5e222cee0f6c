namespace Monitor.Gateway.FunctionalTests.Hostile;

/// <summary>Record texts for the hostile corpus: a valid record, and the same with one field's raw JSON replaced.</summary>
internal static class HostileRecords
{
    public const string Model = "hostile";

    private static readonly (string Name, string Json)[] PredictionFields =
    [
        ("model", "\"hostile\""),
        ("version", "\"v\""),
        ("latency_ms", "12.5"),
        ("status", "\"success\""),
        ("prediction", "1"),
        ("confidence", "0.75"),
        ("features", "{\"amount\":3.5,\"country\":\"DE\"}"),
    ];

    /// <summary>A prediction record of <paramref name="version"/>, with fields replaced or added as raw JSON (null removes one).</summary>
    public static string Prediction(string version, params (string Name, string? Json)[] changes) =>
        Build([.. PredictionFields], version, changes);

    public static string Label(string version, params (string Name, string? Json)[] changes) =>
        Build([("model", "\"hostile\""), ("version", "\"v\""), ("id", "\"p-1\""), ("label", "1")], version, changes);

    public static string Event(string version, params (string Name, string? Json)[] changes) =>
        Build([("model", "\"hostile\""), ("version", "\"v\""), ("type", "\"click\"")], version, changes);

    public static string Array(params string[] records) => "[" + string.Join(",", records) + "]";

    public static string Lines(params string[] records) => string.Join("\n", records) + "\n";

    public static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Build(List<(string Name, string Json)> fields, string version, (string Name, string? Json)[] changes)
    {
        var index = fields.FindIndex(f => f.Name == "version");
        fields[index] = ("version", Quote(version));
        foreach (var (name, json) in changes)
        {
            var at = fields.FindIndex(f => f.Name == name);
            if (json is null)
            {
                fields.RemoveAt(at);
            }
            else if (at >= 0)
            {
                fields[at] = (name, json);
            }
            else
            {
                fields.Add((name, json));
            }
        }

        return "{" + string.Join(",", fields.Select(f => $"{Quote(f.Name)}:{f.Json}")) + "}";
    }
}

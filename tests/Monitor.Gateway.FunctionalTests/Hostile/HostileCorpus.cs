namespace Monitor.Gateway.FunctionalTests.Hostile;

/// <summary>
/// The hostile corpus: every case by name. Record cases send a valid record beside the hostile one (in a
/// JSON array, alone, or as NDJSON) to a version of their own, so the kept record can be counted.
/// </summary>
public static partial class HostileCorpus
{
    public const string Json = "application/json";
    public const string Ndjson = "application/x-ndjson";

    /// <summary>The version labels and events of the corpus go to; it has a prediction with id "p-1".</summary>
    public const string OutcomeVersion = "outcomes";

    private static readonly Lazy<Dictionary<string, HostileCase>> All = new(Build);

    public static HostileCase Get(string name) => All.Value[name];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in All.Value.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    public static int Count => All.Value.Count;

    public static IEnumerable<HostileCase> Every => All.Value.Values;

    private static Dictionary<string, HostileCase> Build()
    {
        var cases = new Cases();
        AddPredictionBodies(cases);
        AddPredictionRecords(cases);
        AddOutcomes(cases);
        AddHeaders(cases);
        AddAlerting(cases);
        AddReferencesAndSettings(cases);
        AddQueriesAndPaths(cases);
        return cases.ByName;
    }

    /// <summary>Collects cases, giving each record case its own version.</summary>
    internal sealed class Cases
    {
        public Dictionary<string, HostileCase> ByName { get; } = new(StringComparer.Ordinal);

        public string NextVersion() => $"h{ByName.Count:D3}";

        public void Add(HostileCase c) => ByName.Add(c.Name, c);

        public void Body(string name, HttpMethod method, string path, string? contentType, string body, int status, string? field) =>
            Add(new HostileCase(name, method, path, contentType, HostileCase.Utf8(body), status, field));

        public void Bytes(string name, HttpMethod method, string path, string? contentType, byte[] body, int status, string? field) =>
            Add(new HostileCase(name, method, path, contentType, body, status, field));

        /// <summary>A valid record and a hostile one to <paramref name="path"/>: 202, one kept, the other refused naming <paramref name="field"/>.</summary>
        public void Records(string name, string path, Func<string, string> valid, Func<string, string> hostile, string field, string form = "array")
        {
            // Labels and events join a version that has predictions: the test node prepares one.
            var version = path == Predictions ? NextVersion() : OutcomeVersion;
            var (body, type, accepted) = form switch
            {
                "array" => (HostileRecords.Array(valid(version), hostile(version)), Json, 1),
                "ndjson" => (HostileRecords.Lines(valid(version), hostile(version)), Ndjson, 1),
                _ => (hostile(version), Json, 0),
            };
            Add(new HostileCase(name, HttpMethod.Post, path, type, HostileCase.Utf8(body), 202, field, accepted, path == "/v1/predictions" ? version : null));
        }

        /// <summary>A prediction with one field replaced by raw JSON, beside a valid one.</summary>
        public void Prediction(string name, string field, string? json, string form = "array", string? changed = null) =>
            Records(name, "/v1/predictions", v => HostileRecords.Prediction(v), v => HostileRecords.Prediction(v, (changed ?? field, json)), field, form);
    }
}

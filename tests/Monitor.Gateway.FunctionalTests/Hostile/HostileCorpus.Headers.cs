namespace Monitor.Gateway.FunctionalTests.Hostile;

public static partial class HostileCorpus
{
    /// <summary>Content types: NDJSON aliases work; anything else is a 415 naming Content-Type.</summary>
    private static void AddHeaders(Cases c)
    {
        foreach (var alias in new[] { "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/x-ndjson; charset=utf-8", "APPLICATION/NDJSON" })
        {
            var version = c.NextVersion();
            var body = HostileRecords.Lines(HostileRecords.Prediction(version), HostileRecords.Prediction(version, ("latency_ms", "-1")));
            c.Add(new HostileCase($"predictions: content type {alias}", HttpMethod.Post, Predictions, alias, HostileCase.Utf8(body), 202, "latency_ms", 1, version));
        }

        foreach (var alias in new[] { "application/ndjson", "application/jsonl" })
        {
            var version = OutcomeVersion;
            c.Add(new HostileCase($"labels: content type {alias}", HttpMethod.Post, "/v1/labels", alias,
                HostileCase.Utf8(HostileRecords.Lines(HostileRecords.Label(version), HostileRecords.Label(version, ("label", "{}")))), 202, "label", 1));
            c.Add(new HostileCase($"events: content type {alias}", HttpMethod.Post, "/v1/events", alias,
                HostileCase.Utf8(HostileRecords.Lines(HostileRecords.Event(version), HostileRecords.Event(version, ("value", "\"x\"")))), 202, "value", 1));
        }

        var record = HostileRecords.Prediction("types");
        foreach (var (path, method) in new[]
        {
            (Predictions, HttpMethod.Post), ("/v1/labels", HttpMethod.Post), ("/v1/events", HttpMethod.Post), ("/v1/alerts/silences", HttpMethod.Post),
            ("/v1/alerts/rules", HttpMethod.Post), ("/v1/alerts/channels", HttpMethod.Post), ("/v1/alerts/routes", HttpMethod.Put), ("/v1/models/hostile/champion", HttpMethod.Put),
        })
        {
            foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x" })
            {
                c.Body($"{path}: content type {type}", method, path, type, record, 415, "Content-Type");
            }

        }

        c.Body("predictions: content type with junk parameters", HttpMethod.Post, Predictions, "application/json; charset=utf-8; x=" + new string('y', 2000), "[]", 202, null);
        c.Body("predictions: content type charset latin1", HttpMethod.Post, Predictions, "application/json; charset=iso-8859-1", "[]", 202, null);
        c.Body("references: content type xml", HttpMethod.Put, "/v1/models/hostile/versions/ref/reference", "application/xml", "<x/>", 415, "Content-Type");
        c.Body("references: no content type is JSON", HttpMethod.Put, "/v1/models/hostile/versions/ref/reference", null, "{}", 400, "features");
        c.Body("silences: no content type is JSON", HttpMethod.Post, "/v1/alerts/silences", null, "{}", 400, "matchers");
        c.Body("champion: no content type", HttpMethod.Put, "/v1/models/hostile/champion", null, "{}", 400, "body");
        var untyped = c.NextVersion();
        c.Add(new HostileCase("predictions: no content type is JSON", HttpMethod.Post, Predictions, null, HostileCase.Utf8(HostileRecords.Prediction(untyped)), 202, null, 1, untyped));
    }
}

namespace Monitor.Gateway.FunctionalTests.Hostile;

public static partial class HostileCorpus
{
    /// <summary>Labels and events: impossible timestamps in every body form, names, ids and values.</summary>
    private static void AddOutcomes(Cases c)
    {
        foreach (var form in new[] { "array", "single", "ndjson" })
        {
            foreach (var (label, time) in new[] { ("before year 1", "\"0001-01-01T00:00:00+01:00\""), ("after year 9999", "\"9999-12-31T23:59:59-14:00\"") })
            {
                c.Records($"labels {form}: timestamp {label} in UTC", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("timestamp", time)), "timestamp", form);
                c.Records($"events {form}: timestamp {label} in UTC", "/v1/events", v => HostileRecords.Event(v), v => HostileRecords.Event(v, ("timestamp", time)), "timestamp", form);
            }
        }

        foreach (var (label, json) in new[] { ("dot", "\".\""), ("dot dot", "\"..\""), ("slash", "\"a/b\""), ("empty", "\"\""), ("NUL", "\"a\\u0000\""), ("number", "3") })
        {
            c.Records($"labels: model {label}", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("model", json)), "model");
            c.Records($"events: version {label}", "/v1/events", v => HostileRecords.Event(v), v => HostileRecords.Event(v, ("version", json)), "version");
        }

        c.Records("labels: label 1e400", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("label", "1e400")), "label");
        c.Records("labels: label object", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("label", "{\"a\":1}")), "label");
        c.Records("labels: id with control character", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("id", "\"a\\u0001\"")), "id");
        c.Records("labels: id overlong", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("id", HostileRecords.Quote(new string('i', 5000)))), "id");
        c.Records("labels: timestamp month 13", "/v1/labels", v => HostileRecords.Label(v), v => HostileRecords.Label(v, ("timestamp", "\"2026-13-01T00:00:00Z\"")), "timestamp");
        c.Records("events: value 1e400", "/v1/events", v => HostileRecords.Event(v), v => HostileRecords.Event(v, ("value", "1e400")), "value");
        c.Records("events: value text", "/v1/events", v => HostileRecords.Event(v), v => HostileRecords.Event(v, ("value", "\"lots\"")), "value");
        c.Records("events: type overlong", "/v1/events", v => HostileRecords.Event(v), v => HostileRecords.Event(v, ("type", HostileRecords.Quote(new string('t', 5000)))), "type");
        c.Records("events: type with newline", "/v1/events", v => HostileRecords.Event(v), v => HostileRecords.Event(v, ("type", "\"cl\\nick\"")), "type");

        var post = HttpMethod.Post;
        c.Body("labels: malformed", post, "/v1/labels", Json, "[{\"model\":", 400, "body");
        c.Body("labels: deep nesting", post, "/v1/labels", Json, new string('[', 100_000), 400, "body");
        c.Body("labels: empty body", post, "/v1/labels", Json, "", 400, "body");
        c.Bytes("labels: invalid UTF-8", post, "/v1/labels", Json, [.. HostileCase.Utf8("{\"model\":\"m\",\"id\":\""), 0xC3, 0x28, .. HostileCase.Utf8("\",\"label\":1}")], 202, "id");
        c.Body("events: malformed", post, "/v1/events", Json, "{\"type\":", 400, "body");
        c.Body("events: not JSON", post, "/v1/events", Ndjson, "click\n", 400, "body");
    }
}

namespace Monitor.Gateway.FunctionalTests.Hostile;

public static partial class HostileCorpus
{
    private const string Predictions = "/v1/predictions";

    /// <summary>Bodies that cannot be read as records at all: 400 naming the body, or per-record errors.</summary>
    private static void AddPredictionBodies(Cases c)
    {
        var valid = HostileRecords.Prediction("bodies");
        var post = HttpMethod.Post;
        c.Body("predictions: malformed object", post, Predictions, Json, "{\"model\": \"m\", \"version\": }", 202, "version");
        c.Body("predictions: truncated object", post, Predictions, Json, valid[..40], 400, "body");
        c.Add(new HostileCase("predictions: truncated array keeps the complete record", post, Predictions, Json, HostileCase.Utf8("[" + HostileRecords.Prediction("truncated") + "," + valid[..30]), 202, "record", 1, "truncated"));
        c.Body("predictions: deep array nesting", post, Predictions, Json, new string('[', 100_000) + new string(']', 100_000), 202, "record");
        c.Body("predictions: deep object nesting", post, Predictions, Json, string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000), 202, "record");
        c.Body("predictions: empty body", post, Predictions, Json, "", 400, "body");
        c.Body("predictions: whitespace body", post, Predictions, Json, " \r\n\t ", 400, "body");
        c.Body("predictions: not JSON", post, Predictions, Json, "hello", 400, "body");
        c.Body("predictions: bare number", post, Predictions, Json, "42", 400, "body");
        c.Body("predictions: bare string", post, Predictions, Json, "\"record\"", 400, "body");
        c.Body("predictions: null", post, Predictions, Json, "null", 400, "body");
        c.Body("predictions: empty array", post, Predictions, Json, "[]", 202, null);
        c.Body("predictions: array of numbers", post, Predictions, Json, "[1,2,3]", 202, "");
        c.Body("predictions: two top-level values", post, Predictions, Json, valid + valid, 400, "body");
        c.Add(new HostileCase("predictions: trailing comma", post, Predictions, Json, HostileCase.Utf8("[" + HostileRecords.Prediction("comma") + ",]"), 202, null, 1, "comma"));
        c.Body("predictions: comments", post, Predictions, Json, "/* hi */" + valid, 400, "body");
        c.Body("predictions: single quotes", post, Predictions, Json, valid.Replace('"', '\''), 202, "record");
        c.Body("predictions: NUL bytes", post, Predictions, Json, "\0\0\0\0", 400, "body");
        c.Body("predictions: unterminated string", post, Predictions, Json, "{\"model\":\"m", 400, "body");
        c.Add(new HostileCase("predictions: ndjson garbage line", post, Predictions, Ndjson, HostileCase.Utf8(HostileRecords.Prediction("garbage") + "\n{oops\n"), 202, "record", 1, "garbage"));
        c.Body("predictions: ndjson array line", post, Predictions, Ndjson, "[" + valid + "]\n", 400, "body");
        c.Bytes("predictions: UTF-16 body", post, Predictions, Json, System.Text.Encoding.Unicode.GetBytes(valid), 400, "body");
        c.Bytes("predictions: lone continuation bytes", post, Predictions, Json, [0x80, 0x81, 0x82], 400, "body");
        c.Add(new HostileCase("predictions: byte order mark", post, Predictions, Json, [0xEF, 0xBB, 0xBF, .. HostileCase.Utf8(HostileRecords.Array(HostileRecords.Prediction("bom")))], 202, null, 1, "bom"));
        c.Add(new HostileCase("predictions: byte order mark in ndjson", post, Predictions, Ndjson, [0xEF, 0xBB, 0xBF, .. HostileCase.Utf8(HostileRecords.Lines(HostileRecords.Prediction("bom-lines")))], 202, null, 1, "bom-lines"));
        c.Body("predictions: byte order mark only", post, Predictions, Json, "\uFEFF", 400, "body");
        c.Bytes("predictions: invalid UTF-8 in a name", post, Predictions, Json, [.. HostileCase.Utf8("{\"model\":\"m\",\"version\":\"v"), 0xC3, 0x28, 0xFF, .. HostileCase.Utf8("\",\"latency_ms\":1,\"status\":\"success\"}")], 202, "version");
        c.Bytes("predictions: overlong UTF-8 encoding", post, Predictions, Json, [.. HostileCase.Utf8("{\"model\":\"m\",\"version\":\"v"), 0xC0, 0xAF, .. HostileCase.Utf8("\",\"latency_ms\":1,\"status\":\"success\"}")], 202, "version");
        c.Body("predictions: huge literal", post, Predictions, Json, "[" + new string('9', 100_000) + "]", 202, "");
    }

    /// <summary>One field of one record hostile, beside a valid record: the valid one is kept.</summary>
    private static void AddPredictionRecords(Cases c)
    {
        // Timestamps whose UTC instant a date-time cannot hold, in each form a body can take.
        foreach (var form in new[] { "array", "single", "ndjson" })
        {
            c.Prediction($"predictions {form}: timestamp before year 1 in UTC", "timestamp", "\"0001-01-01T00:00:00+01:00\"", form);
            c.Prediction($"predictions {form}: timestamp after year 9999 in UTC", "timestamp", "\"9999-12-31T23:59:59-14:00\"", form);
        }

        c.Prediction("predictions: timestamp year 0", "timestamp", "\"0000-01-01T00:00:00Z\"");
        c.Prediction("predictions: timestamp at year 1", "timestamp", "\"0001-01-01T00:00:00Z\"");
        c.Prediction("predictions: timestamp at year 9999", "timestamp", "\"9999-12-31T23:59:59.999Z\"");
        c.Prediction("predictions: timestamp month 13", "timestamp", "\"2026-13-01T00:00:00Z\"");
        c.Prediction("predictions: timestamp February 30", "timestamp", "\"2026-02-30T00:00:00Z\"");
        c.Prediction("predictions: timestamp hour 24", "timestamp", "\"2026-01-01T24:00:00Z\"");
        c.Prediction("predictions: timestamp without zone", "timestamp", "\"2026-01-01T00:00:00\"");
        c.Prediction("predictions: timestamp offset 24h", "timestamp", "\"2026-01-01T00:00:00+24:00\"");
        c.Prediction("predictions: timestamp as number", "timestamp", "1764547200000");
        c.Prediction("predictions: timestamp as huge number", "timestamp", "1e400");
        c.Prediction("predictions: timestamp empty", "timestamp", "\"\"");
        c.Prediction("predictions: timestamp overlong", "timestamp", HostileRecords.Quote("2026-01-01T00:00:00." + new string('9', 5000) + "Z"));
        c.Prediction("predictions: timestamp with NUL", "timestamp", "\"2026-01-01T00:00:00\\u0000Z\"");
        c.Prediction("predictions: timestamp far future", "timestamp", "\"2999-01-01T00:00:00Z\"");
        c.Prediction("predictions: timestamp object", "timestamp", "{\"$date\":1}");

        c.Prediction("predictions: latency 1e400", "latency_ms", "1e400");
        c.Prediction("predictions: latency -1e400", "latency_ms", "-1e400");
        c.Prediction("predictions: latency 5000 digits", "latency_ms", new string('9', 5000));
        c.Prediction("predictions: latency negative", "latency_ms", "-3");
        c.Prediction("predictions: latency NaN string", "latency_ms", "\"NaN\"");
        c.Prediction("predictions: latency Infinity string", "latency_ms", "\"Infinity\"");
        c.Prediction("predictions: latency boolean", "latency_ms", "true");
        c.Prediction("predictions: latency array", "latency_ms", "[1]");
        c.Prediction("predictions: latency missing", "latency_ms", null);
        c.Prediction("predictions: confidence 2", "confidence", "2");
        c.Prediction("predictions: confidence negative", "confidence", "-0.5");
        c.Prediction("predictions: confidence 1e400", "confidence", "1e400");
        c.Prediction("predictions: confidence text", "confidence", "\"high\"");
        c.Prediction("predictions: prediction 1e400", "prediction", "1e400");
        c.Prediction("predictions: prediction deep nesting", "prediction", new string('[', 2000) + new string(']', 2000));

        foreach (var (label, json) in new[]
        {
            ("dot", "\".\""), ("dot dot", "\"..\""), ("slash", "\"a/b\""), ("encoded dots", "\"%2e%2e\""), ("empty", "\"\""),
            ("space", "\"a b\""), ("65 characters", HostileRecords.Quote(new string('m', 65))), ("megabyte", HostileRecords.Quote(new string('m', 1_000_000))),
            ("NUL", "\"a\\u0000b\""), ("newline", "\"a\\nb\""), ("non-ASCII", "\"modèle\""), ("emoji", "\"\\ud83d\\ude00\""),
            ("lone surrogate", "\"\\ud800\""), ("number", "42"), ("null", "null"), ("object", "{}"),
        })
        {
            c.Records($"predictions: model {label}", Predictions, v => HostileRecords.Prediction(v), v => HostileRecords.Prediction(v, ("model", json)), "model");
            c.Records($"predictions: version {label}", Predictions, v => HostileRecords.Prediction(v), v => HostileRecords.Prediction(v).Replace(HostileRecords.Quote(v), json), "version");
        }

        c.Prediction("predictions: status unknown", "status", "\"maybe\"");
        c.Prediction("predictions: status number", "status", "1");
        c.Prediction("predictions: error type with spaces", "error", "\"it broke badly\"", changed: "error");
        c.Prediction("predictions: id with control character", "id", "\"a\\u0007b\"");
        c.Prediction("predictions: id overlong", "id", HostileRecords.Quote(new string('i', 5000)));
        c.Prediction("predictions: features array", "features", "[1,2,3]");
        c.Prediction("predictions: features string", "features", "\"a=1\"");
        c.Prediction("predictions: feature 1e400", "features", "{\"amount\":1e400}");
        c.Prediction("predictions: feature nested object", "features", "{\"amount\":{\"a\":1}}");
        c.Prediction("predictions: feature deep nesting", "features", "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}");
        c.Prediction("predictions: feature megabyte text", "features", "{\"amount\":" + HostileRecords.Quote(new string('y', 1_000_000)) + "}");
        c.Prediction("predictions: feature empty name", "features", "{\"\":1}");
        c.Prediction("predictions: feature overlong name", "features", "{" + HostileRecords.Quote(new string('f', 5000)) + ":1}");
        c.Prediction("predictions: feature name with NUL", "features", "{\"a\\u0000\":1}");
        c.Prediction("predictions: too many features", "features", "{" + string.Join(',', Enumerable.Range(0, 300).Select(i => $"\"f{i}\":{i}")) + "}");
        c.Records("predictions: duplicate model key", Predictions, v => HostileRecords.Prediction(v), v => HostileRecords.Prediction(v).Replace("{\"model\":\"hostile\"", "{\"model\":\"hostile\",\"model\":\"other\""), "model");
        c.Records("predictions: duplicate latency key", Predictions, v => HostileRecords.Prediction(v), v => HostileRecords.Prediction(v, ("latency_ms", "1,\"latency_ms\":-5")), "latency_ms");
        c.Records("predictions: record is a number", Predictions, v => HostileRecords.Prediction(v), _ => "7", "");
    }
}

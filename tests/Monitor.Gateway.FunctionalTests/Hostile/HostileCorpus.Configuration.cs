namespace Monitor.Gateway.FunctionalTests.Hostile;

public static partial class HostileCorpus
{
    private const string Reference = "/v1/models/hostile/versions/ref/reference";

    /// <summary>References (JSON and CSV), drift settings and the champion: bodies, numbers, encodings and names in paths.</summary>
    private static void AddReferencesAndSettings(Cases c)
    {
        var put = HttpMethod.Put;
        const string Settings = "/v1/models/hostile/versions/ref/drift/settings";
        c.Body("references json: malformed", put, Reference, Json, "{\"features\":", 400, "body");
        c.Body("references json: deep nesting", put, Reference, Json, new string('[', 100_000) + new string(']', 100_000), 400, "body");
        c.Body("references json: empty", put, Reference, Json, "", 400, "body");
        c.Body("references json: value 1e400", put, Reference, Json, "{\"features\":{\"x\":[1,2,1e400]}}", 400, "features.x[2]");
        c.Body("references json: NaN text is a category", put, Reference, Json, "{\"features\":{\"x\":[1,\"NaN\",3]}}", 200, null);
        c.Body("references json: features not an object", put, Reference, Json, "{\"features\":[1,2]}", 400, "features");
        c.Body("references json: feature name overlong", put, Reference, Json, "{\"features\":{" + HostileRecords.Quote(new string('f', 5000)) + ":[1,2]}}", 400, null);
        c.Bytes("references json: invalid UTF-8", put, Reference, Json, [.. HostileCase.Utf8("{\"features\":{\"x\":[\""), 0xC3, 0x28, .. HostileCase.Utf8("\"]}}")], 400, "body");
        c.Bytes("references json: byte order mark", put, Reference, Json, [0xEF, 0xBB, 0xBF, .. HostileCase.Utf8("{\"features\":{\"x\":[1,2,3]}}")], 200, null);
        c.Body("references csv: unterminated quote", put, Reference, "text/csv", "amount,country\n1,DE\n2,\"FR\n", 400, "body");
        c.Body("references csv: ragged row", put, Reference, "text/csv", "amount,country\n1,DE\n2,FR,extra\n", 400, "row 3");
        c.Body("references csv: duplicate columns", put, Reference, "text/csv", "amount,amount\n1,2\n", 400, "features.amount");
        c.Body("references csv: header only", put, Reference, "text/csv", "amount,country\n", 400, null);
        c.Body("references csv: empty", put, Reference, "text/csv", "", 400, "body");
        c.Body("references csv: huge number", put, Reference, "text/csv", "amount\n1\n" + new string('9', 5000) + "\n", 200, null);
        c.Body("references csv: control characters", put, Reference, "text/csv", "amount,country\n1,\u0001\u0002\n2,FR\n", 200, null);
        c.Bytes("references csv: invalid UTF-8", put, Reference, "text/csv", [.. HostileCase.Utf8("amount,country\n1,"), 0xFF, 0xFE, .. HostileCase.Utf8("\n2,FR\n")], 400, "body");
        c.Body("references csv: NUL bytes", put, Reference, "text/csv", "a\0b\n\0\n", 400, null);
        c.Body("references: model dot dot (encoded)", put, "/v1/models/%2E%2E/versions/v1/reference", Json, "{\"features\":{\"x\":[1,2]}}", 404, null);
        c.Body("references: version dot (encoded)", put, "/v1/models/hostile/versions/%2E/reference", Json, "{\"features\":{\"x\":[1,2]}}", 404, null);
        c.Body("references: version with space", put, "/v1/models/hostile/versions/a%20b/reference", Json, "{\"features\":{\"x\":[1,2]}}", 400, "version");
        c.Body("references: version overlong", put, $"/v1/models/hostile/versions/{new string('v', 300)}/reference", Json, "{\"features\":{\"x\":[1,2]}}", 400, "version");
        c.Body("references: model dot", put, "/v1/models/./versions/v1/reference", Json, "{\"features\":{\"x\":[1,2]}}", 404, null);
        c.Body("references: version dot dot with suffix is a name", put, "/v1/models/hostile/versions/..v/reference", Json, "{\"features\":{\"x\":[1,2]}}", 200, null);
        c.Body("references: version with percent", put, "/v1/models/hostile/versions/a%25b/reference", Json, "{\"features\":{\"x\":[1,2]}}", 400, "version");
        c.Bytes("references json: byte order mark only", put, Reference, Json, [0xEF, 0xBB, 0xBF], 400, "body");
        c.Body("drift settings: two values", put, Settings, Json, "{\"alpha\":0.01}{}", 400, "body");
        c.Bytes("drift settings: invalid UTF-8", put, Settings, Json, [.. HostileCase.Utf8("{\"correction\":\""), 0xFF, .. HostileCase.Utf8("\"}")], 400, "body");

        c.Body("drift settings: malformed", put, Settings, Json, "{\"alpha\":", 400, "body");
        c.Body("drift settings: alpha 1e400", put, Settings, Json, "{\"alpha\":1e400}", 400, "alpha");
        c.Body("drift settings: alpha text", put, Settings, Json, "{\"alpha\":\"NaN\"}", 400, "alpha");
        c.Body("drift settings: deep nesting", put, Settings, Json, new string('[', 10_000) + new string(']', 10_000), 400, "body");
        c.Body("drift settings: version dot dot (encoded)", put, "/v1/models/hostile/versions/%2E%2E/drift/settings", Json, "{\"alpha\":0.01}", 404, null);
        c.Body("champion: malformed", put, "/v1/models/hostile/champion", Json, "{\"version\":", 400, "body");
        c.Body("champion: version dot dot", put, "/v1/models/hostile/champion", Json, "{\"version\":\"..\"}", 404, "version");
    }

    /// <summary>Query strings and paths: dates, numbers and names that cannot be.</summary>
    private static void AddQueriesAndPaths(Cases c)
    {
        var get = HttpMethod.Get;
        const string Records = "/v1/models/hostile/versions/bodies/records";
        c.Body("records: from before year 1 in UTC", get, Records + "?from=0001-01-01T00:00:00%2B01:00", null, "", 400, "from");
        c.Body("records: to after year 9999 in UTC", get, Records + "?to=9999-12-31T23:59:59-14:00", null, "", 400, "to");
        c.Body("records: from not a time", get, Records + "?from=yesterday", null, "", 400, "from");
        c.Body("records: from after to", get, Records + "?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", null, "", 400, "from");
        c.Body("records: limit huge", get, Records + "?limit=99999999999999999999", null, "", 400, "limit");
        c.Body("records: limit negative", get, Records + "?limit=-1", null, "", 400, "limit");
        c.Body("records: limit NaN", get, Records + "?limit=NaN", null, "", 400, "limit");
        c.Body("records: limit overlong", get, Records + "?limit=" + new string('9', 5000), null, "", 400, "limit");
        c.Body("summary: minutes 1e400", get, "/v1/models/hostile/versions/bodies/summary?minutes=1e400", null, "", 400, "minutes");
        c.Body("summary: minutes zero", get, "/v1/models/hostile/versions/bodies/summary?minutes=0", null, "", 400, "minutes");
        c.Body("timeseries: step negative", get, "/v1/models/hostile/versions/bodies/timeseries?step=-60", null, "", 400, "step");
        c.Body("summary: unknown version", get, "/v1/models/hostile/versions/never/summary", null, "", 404, "version");
        c.Body("summary: version dot dot (encoded)", get, "/v1/models/hostile/versions/%2E%2E/summary", null, "", 404, null);
        c.Body("summary: unicode version", get, "/v1/models/hostile/versions/%F0%9F%98%80/summary", null, "", 404, "version");
        c.Body("summary: invalid UTF-8 in path", get, "/v1/models/hostile/versions/%C3%28/summary", null, "", 404, "version");
        c.Body("drift history: minutes huge", get, "/v1/models/hostile/versions/bodies/drift/history?minutes=99999999999", null, "", 400, "minutes");
        c.Body("compare: minutes text", get, "/v1/models/hostile/compare?a=v1&b=v2&minutes=abc", null, "", 400, "minutes");
        c.Body("alerts: unknown model", get, "/v1/alerts?model=%00", null, "", 404, null);
        c.Body("silences: expire unknown id", HttpMethod.Delete, Silences + "/" + new string('x', 2000), null, "", 404, "id");
        c.Body("rules: unknown name", get, "/v1/alerts/rules/" + new string('n', 3000), null, "", 404, "name");
        c.Body("no such path", get, "/v1/nothing/here", null, "", 404, null);
        c.Body("wrong method", HttpMethod.Delete, Predictions, null, "", 405, null);
    }
}

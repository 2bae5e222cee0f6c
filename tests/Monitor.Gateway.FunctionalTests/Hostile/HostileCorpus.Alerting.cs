namespace Monitor.Gateway.FunctionalTests.Hostile;

public static partial class HostileCorpus
{
    private const string Silences = "/v1/alerts/silences";

    /// <summary>Silences, inhibit rules, routes, rules and channels: regexes, dates, numbers and URLs.</summary>
    private static void AddAlerting(Cases c)
    {
        static string Silence(string matcher, string extra = "\"duration\":\"1h\"") =>
            $$"""{"matchers":[{{matcher}}],{{extra}},"created_by":"hostile","comment":"corpus"}""";
        const string Model = """{"name":"model","op":"=","value":"hostile"}""";
        var post = HttpMethod.Post;
        foreach (var (label, pattern) in new[]
        {
            ("nested repetition", "((a{100}){100}){100}"), ("huge repetition", "a{1000000}"), ("repetition of repetition", "(a{1000}){1000}"),
            ("unbalanced parenthesis", "(crit"), ("unbalanced bracket", "[a-"), ("bad escape", "\\\\"), ("bad quantifier", "*a"),
            ("backreference", "(a)\\\\1"), ("lookahead", "(?=a)a"), ("2,000 characters", new string('a', 2000)),
        })
        {
            var matcher = $$"""{"name":"model","op":"=~","value":{{HostileRecords.Quote(pattern.Replace("\\\\", "\\"))}}}""";
            c.Body($"silences: regex {label}", post, Silences, Json, Silence(matcher), 400, "matchers[0].value");
            c.Body($"routes: regex {label}", HttpMethod.Put, "/v1/alerts/routes", Json,
                $$"""{"default":{"channels":["log"]},"routes":[{"name":"r","matchers":[{{matcher}}],"channels":["log"]}]}""", 400, "routes[0].matchers[0].value");
            c.Body($"inhibit rules: regex {label}", HttpMethod.Put, "/v1/alerts/routes", Json,
                $$"""{"default":{"channels":["log"]},"inhibit_rules":[{"source_matchers":[{{Model}}],"target_matchers":[{{matcher}}]}]}""", 400, "inhibit_rules[0].target_matchers[0].value");
        }

        c.Body("silences: negated regex too large", post, Silences, Json, Silence("""{"name":"model","op":"!~","value":"((a{100}){100}){100}"}""" + "," + Model), 400, "matchers[0].value");
        c.Body("silences: start plus duration past year 9999", post, Silences, Json, Silence(Model, "\"starts_at\":\"9999-12-31T00:00:00Z\",\"duration\":\"99999d\""), 400, "duration");
        c.Body("silences: start plus seconds past year 9999", post, Silences, Json, Silence(Model, "\"starts_at\":\"9999-12-31T23:00:00Z\",\"duration\":999999999"), 400, "duration");
        c.Body("silences: end before start", post, Silences, Json, Silence(Model, "\"starts_at\":\"2030-01-02T00:00:00Z\",\"ends_at\":\"2030-01-01T00:00:00Z\""), 400, "ends_at");
        c.Body("silences: end in the past", post, Silences, Json, Silence(Model, "\"ends_at\":\"2001-01-01T00:00:00Z\""), 400, "ends_at");
        c.Body("silences: start before year 1 in UTC", post, Silences, Json, Silence(Model, "\"starts_at\":\"0001-01-01T00:00:00+01:00\",\"duration\":\"1h\""), 400, "starts_at");
        c.Body("silences: end after year 9999 in UTC", post, Silences, Json, Silence(Model, "\"ends_at\":\"9999-12-31T23:59:59-14:00\""), 400, "ends_at");
        c.Body("silences: longer than a year", post, Silences, Json, Silence(Model, "\"duration\":\"400d\""), 400, "ends_at");
        c.Body("silences: ends in year 9999", post, Silences, Json, Silence(Model, "\"ends_at\":\"9999-12-31T23:59:59Z\""), 400, "ends_at");
        c.Body("silences: duration negative", post, Silences, Json, Silence(Model, "\"duration\":-5"), 400, "duration");
        c.Body("silences: duration NaN text", post, Silences, Json, Silence(Model, "\"duration\":\"NaN\""), 400, "duration");
        c.Body("silences: duration 1e400", post, Silences, Json, Silence(Model, "\"duration\":1e400"), 400, "duration");
        c.Body("silences: duration overflowing days", post, Silences, Json, Silence(Model, "\"duration\":\"99999999999d\""), 400, "duration");
        c.Body("silences: starts_at not a time", post, Silences, Json, Silence(Model, "\"starts_at\":\"yesterday\",\"duration\":\"1h\""), 400, "starts_at");
        c.Body("silences: matcher name invalid", post, Silences, Json, Silence("""{"name":"a b","value":"x"}"""), 400, "matchers[0].name");
        c.Body("silences: operator invalid", post, Silences, Json, Silence("""{"name":"model","op":"~~","value":"x"}"""), 400, "matchers[0].op");
        c.Body("silences: matches everything", post, Silences, Json, Silence("""{"name":"model","op":"=~","value":".*"}"""), 400, "matchers");
        c.Body("silences: no matchers", post, Silences, Json, """{"matchers":[],"duration":"1h","created_by":"x","comment":"y"}""", 400, "matchers");
        c.Body("silences: comment overlong", post, Silences, Json, Silence(Model, "\"duration\":\"1h\",\"comment\":" + HostileRecords.Quote(new string('c', 5000))).Replace(",\"comment\":\"corpus\"", ""), 400, "comment");
        c.Body("silences: duplicate keys", post, Silences, Json, Silence(Model, "\"duration\":\"1h\",\"duration\":\"2h\""), 400, "duration");
        c.Body("silences: duplicate keys in a matcher", post, Silences, Json, Silence("""{"name":"model","value":"a","value":"b"}"""), 400, "matchers[0].value");
        c.Bytes("silences: byte order mark", post, Silences, Json, [0xEF, 0xBB, 0xBF, .. HostileCase.Utf8(Silence(Model, "\"duration\":\"1h\",\"comment\":1"))], 400, "comment");
        c.Body("silences: malformed", post, Silences, Json, "{\"matchers\":[", 400, "body");
        c.Body("silences: deep nesting", post, Silences, Json, new string('[', 10_000) + new string(']', 10_000), 400, "body");
        c.Body("silences: array body", post, Silences, Json, "[]", 400, "");
        c.Bytes("silences: invalid UTF-8", post, Silences, Json, [.. HostileCase.Utf8("{\"matchers\":[{\"name\":\"model\",\"value\":\""), 0xFF, 0xFE, .. HostileCase.Utf8("\"}],\"duration\":\"1h\",\"created_by\":\"x\",\"comment\":\"y\"}")], 400, "body");

        const string Rule = """{"name":"HostileRule","metric":"error_rate","comparator":">","threshold":0.5}""";
        c.Body("rules: threshold 1e400", post, "/v1/alerts/rules", Json, Rule.Replace("0.5", "1e400"), 400, "threshold");
        c.Body("rules: threshold NaN text", post, "/v1/alerts/rules", Json, Rule.Replace("0.5", "\"NaN\""), 400, "threshold");
        c.Body("rules: for 99999 days", post, "/v1/alerts/rules", Json, Rule.Replace("}", ",\"for\":\"99999d\"}"), 400, "for");
        c.Body("rules: for 1e400 seconds", post, "/v1/alerts/rules", Json, Rule.Replace("}", ",\"for\":1e400}"), 400, "for");
        c.Body("rules: name with slash", post, "/v1/alerts/rules", Json, Rule.Replace("HostileRule", "a/b"), 400, "name");
        c.Body("rules: name overlong", post, "/v1/alerts/rules", Json, Rule.Replace("HostileRule", new string('r', 500)), 400, "name");
        c.Body("rules: comparator invalid", post, "/v1/alerts/rules", Json, Rule.Replace("\">\"", "\"=>\""), 400, "comparator");
        c.Body("rules: unknown field", post, "/v1/alerts/rules", Json, Rule.Replace("}", ",\"colour\":1}"), 400, "colour");
        c.Body("rules: malformed", post, "/v1/alerts/rules", Json, Rule[..20], 400, "body");

        const string Channel = """{"name":"hook","kind":"webhook","url":URL}""";
        foreach (var (label, url) in new[]
        {
            ("not a URL", "not a url"), ("ftp scheme", "ftp://example.test/x"), ("javascript scheme", "javascript:alert(1)"), ("file scheme", "file:///etc/passwd"),
            ("no host", "http://"), ("relative", "/hooks/x"), ("overlong", "http://example.test/" + new string('u', 5000)), ("empty", ""),
            ("control characters", "http://exa\u0001mple.test/"), ("number", null),
        })
        {
            c.Body($"channels: url {label}", post, "/v1/alerts/channels", Json, Channel.Replace("URL", url is null ? "42" : HostileRecords.Quote(url)), 400, "url");
        }

        c.Body("channels: kind unknown", post, "/v1/alerts/channels", Json, """{"name":"x","kind":"sms"}""", 400, "kind");
        c.Body("channels: smtp port huge", post, "/v1/alerts/channels", Json, """{"name":"x","kind":"email","to":["a@example.test"],"from":"b@example.test","smtp_host":"mail.example.test","smtp_port":1e400}""", 400, "smtp_port");
        c.Body("channels: timeout 1e400", post, "/v1/alerts/channels", Json, """{"name":"x","kind":"webhook","url":"http://example.test/","timeout":1e400}""", 400, "timeout");
        c.Body("routes: group_wait 99999d", HttpMethod.Put, "/v1/alerts/routes", Json, """{"default":{"channels":["log"],"group_wait":"99999d"}}""", 400, "default.group_wait");
        c.Body("routes: malformed", HttpMethod.Put, "/v1/alerts/routes", Json, "{\"default\":", 400, "body");
    }
}

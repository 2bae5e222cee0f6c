using Monitor.Gateway.Ingest;
using static Monitor.Gateway.Tests.Ingest.IngestTestData;

namespace Monitor.Gateway.Tests.Ingest;

public class RecordValidationTests
{
    public static TheoryData<string, string?, RejectionReason, string> Refusals => new()
    {
        // field, raw JSON (null = absent), reason, expected message fragment
        { "model", null, RejectionReason.MissingField, "model: required field is missing" },
        { "model", "null", RejectionReason.MissingField, "model: required, got null" },
        { "model", "\"\"", RejectionReason.InvalidValue, "model: must be 1-64 characters among letters, digits" },
        { "model", "\"fr aud\"", RejectionReason.InvalidValue, "model: must be 1-64 characters among letters, digits, '.', '_' and '-' (but not '.' or '..' alone), got \"fr aud\"" },
        { "model", "\"a/b\"", RejectionReason.InvalidValue, "got \"a/b\"" },
        { "model", "\"f\u00fcr\"", RejectionReason.InvalidValue, "model: must be 1-64 characters" },
        { "model", Quoted(new string('m', 65)), RejectionReason.LimitExceeded, "model: longer than 64 characters" },
        { "model", "7", RejectionReason.InvalidValue, "model: must be a string, got 7" },
        { "version", null, RejectionReason.MissingField, "version: required field is missing" },
        { "version", "\"v 1\"", RejectionReason.InvalidValue, "version: must be 1-64 characters" },
        { "version", "[\"v1\"]", RejectionReason.InvalidValue, "version: must be a string, got an array" },
        { "latency_ms", null, RejectionReason.MissingField, "latency_ms: required field is missing" },
        { "latency_ms", "null", RejectionReason.MissingField, "latency_ms: required, got null" },
        { "latency_ms", "-5", RejectionReason.InvalidValue, "latency_ms: must be a finite number >= 0, got -5" },
        { "latency_ms", "\"12\"", RejectionReason.InvalidValue, "latency_ms: must be a finite number >= 0, got \"12\"" },
        { "latency_ms", "1e999", RejectionReason.InvalidValue, "latency_ms: must be a finite number >= 0, got 1e999" },
        { "latency_ms", "-1e999", RejectionReason.InvalidValue, "got -1e999" },
        { "confidence", "1.5", RejectionReason.InvalidValue, "confidence: must be a number in [0, 1] or null, got 1.5" },
        { "confidence", "-0.01", RejectionReason.InvalidValue, "got -0.01" },
        { "confidence", "\"high\"", RejectionReason.InvalidValue, "confidence: must be a number in [0, 1] or null, got \"high\"" },
        { "confidence", "1e999", RejectionReason.InvalidValue, "got 1e999" },
        { "status", null, RejectionReason.MissingField, "status: required field is missing" },
        { "status", "null", RejectionReason.MissingField, "status: required" },
        { "status", "\"ok\"", RejectionReason.InvalidValue, "status: must be \"success\" or \"error\", got \"ok\"" },
        { "status", "\"Success\"", RejectionReason.InvalidValue, "got \"Success\"" },
        { "status", "true", RejectionReason.InvalidValue, "got true" },
        { "error", "\"Timeout\"", RejectionReason.InvalidValue, "error: must be null or absent when status is \"success\", got \"Timeout\"" },
        { "error", "\"Time out\"", RejectionReason.InvalidValue, "error: must be a short error type of 1-64 characters" },
        { "error", "\"\"", RejectionReason.InvalidValue, "error: must be a short error type" },
        { "error", "404", RejectionReason.InvalidValue, "error: must be a short error type such as \"Timeout\", or null, got 404" },
        { "error", Quoted(new string('E', 65)), RejectionReason.LimitExceeded, "error: longer than 64 characters" },
        { "features", "[1, 2]", RejectionReason.InvalidValue, "features: must be an object mapping feature names to numbers, strings or null, got an array" },
        { "features", "\"a=1\"", RejectionReason.InvalidValue, "got a string" },
        { "features", """{"amount": {"value": 1}}""", RejectionReason.InvalidValue, "features.amount: must be a number, a string or null, got an object" },
        { "features", """{"amount": [1, 2]}""", RejectionReason.InvalidValue, "features.amount: must be a number, a string or null, got an array" },
        { "features", """{"flag": true}""", RejectionReason.InvalidValue, "features.flag: must be a number, a string or null, got true" },
        { "features", """{"amount": 1e999}""", RejectionReason.InvalidValue, "features.amount: must be a finite number, got 1e999" },
        { "features", """{"": 1}""", RejectionReason.InvalidValue, "features: a feature name is empty" },
        { "features", "{\"a\\u0007b\": 1}", RejectionReason.InvalidValue, "contains control characters" },
        { "features", "{\"" + new string('n', 129) + "\": 1}", RejectionReason.LimitExceeded, "is longer than 128 characters" },
        { "features", "{\"note\": \"" + new string('x', 1025) + "\"}", RejectionReason.LimitExceeded, "features.note: longer than 1024 characters (1025)" },
        { "features", """{"amount": 1, "amount": 2}""", RejectionReason.DuplicateField, "features.amount: appears more than once in this record" },
        { "prediction", "{\"class\": 1}", RejectionReason.InvalidValue, "prediction: must be a number, a string label or null, got an object" },
        { "prediction", "true", RejectionReason.InvalidValue, "prediction: must be a number, a string label or null, got a boolean" },
        { "prediction", "1e999", RejectionReason.InvalidValue, "prediction: must be a finite number, got 1e999" },
        { "prediction", Quoted(new string('p', 257)), RejectionReason.LimitExceeded, "prediction: longer than 256 characters (257)" },
        { "id", "\"\"", RejectionReason.InvalidValue, "id: must be 1-128 printable characters, got \"\"" },
        { "id", "42", RejectionReason.InvalidValue, "id: must be a string of 1-128 printable characters, got 42" },
        { "id", Quoted(new string('i', 129)), RejectionReason.LimitExceeded, "id: longer than 128 characters (129)" },
        { "id", "\"a\\nb\"", RejectionReason.InvalidValue, "id: must be 1-128 printable characters" },
        { "timestamp", "\"yesterday\"", RejectionReason.InvalidValue, "timestamp: must be an RFC 3339 date-time with a time zone, such as \"2026-11-24T10:00:00Z\", got \"yesterday\"" },
        { "timestamp", "\"2026-11-24T10:00:00\"", RejectionReason.InvalidValue, "timestamp: must be an RFC 3339 date-time with a time zone" },
        { "timestamp", "\"2026-11-24\"", RejectionReason.InvalidValue, "timestamp: must be an RFC 3339" },
        { "timestamp", "\"2026-02-30T10:00:00Z\"", RejectionReason.InvalidValue, "timestamp: must be an RFC 3339" },
        { "timestamp", "\"2026-11-24T25:00:00Z\"", RejectionReason.InvalidValue, "timestamp: must be an RFC 3339" },
        { "timestamp", "1795000000", RejectionReason.InvalidValue, "timestamp: must be an RFC 3339 date-time with a time zone, such as \"2026-11-24T10:00:00Z\", got 1795000000" },
        { "timestamp", "\"2026-11-24T10:05:01Z\"", RejectionReason.TimestampOutOfRange, "timestamp: 2026-11-24T10:05:01.000Z is more than 5 minutes ahead of server time 2026-11-24T10:00:00.000Z" },
        { "timestamp", "\"2026-11-23T09:59:59Z\"", RejectionReason.TimestampOutOfRange, "timestamp: 2026-11-23T09:59:59.000Z is older than the retention of 24 hours" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Invalid_field_refuses_the_record_naming_field_and_reason(string field, string? json, RejectionReason reason, string message)
    {
        var result = Parse(Array(Record(), Record((field, json)), Record()));

        Assert.Null(result.Failure);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, result.Rejected);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(reason, error.Reason);
        Assert.Contains(message, error.Error);
        Assert.Equal(1, result.RejectedFor(reason));
    }

    public static TheoryData<string, string> Acceptances => new()
    {
        { "model", Quoted(new string('m', 64)) },
        { "model", "\"fraud-detector_v2.1\"" },
        { "latency_ms", "0" },
        { "latency_ms", "1e3" },
        { "confidence", "0" },
        { "confidence", "1" },
        { "confidence", "null" },
        { "error", "null" },
        { "features", "{}" },
        { "features", "{\"x\": -1.5e-300, \"y\": \"\", \"z\": null}" },
        { "features", "{\"name with spaces & \u00e9\": 1}" },
        { "features", "{\"" + new string('n', 128) + "\": 1}" },
        { "features", "{\"note\": \"" + new string('x', 1024) + "\"}" },
        { "prediction", Quoted(new string('p', 256)) },
        { "prediction", "-3" },
        { "id", Quoted(new string('i', 128)) },
        { "id", "\"r\u00e9q-\u4e2d\"" },
        { "timestamp", "\"2026-11-24T10:04:59Z\"" },
        { "timestamp", "\"2026-11-23T10:00:01Z\"" },
        { "timestamp", "\"2026-11-24t11:00:00.5+01:00\"" },
        { "timestamp", "\"2026-11-24 10:00:00z\"" },
    };

    [Theory]
    [MemberData(nameof(Acceptances))]
    public void Valid_edge_values_are_accepted(string field, string json)
    {
        var result = Parse(Record((field, json)));

        Assert.Empty(result.Errors);
        Assert.Equal(1, result.Accepted);
    }

    [Theory]
    [InlineData("2026-11-24T09:30:00Z", 0L)]
    [InlineData("2026-11-24T10:30:00+01:00", 0L)]
    [InlineData("2026-11-24T08:30:00-01:00", 0L)]
    [InlineData("2026-11-24T09:30:00.1Z", 100L)]
    [InlineData("2026-11-24T09:30:00.123456789Z", 123L)]
    [InlineData("2026-11-24T09:29:60Z", -1L)]
    public void Timestamps_become_unix_milliseconds(string timestamp, long millisOffset)
    {
        var expected = new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() + millisOffset;

        var batch = Assert.Single(Parse(Record(("timestamp", Quoted(timestamp)))).Batches);

        Assert.Equal(expected, batch.TimestampsMs[0]);
    }

    [Fact]
    public void Timestamps_across_the_calendar_match_the_framework()
    {
        var limits = new IngestLimits { MaxFutureSkew = TimeSpan.MaxValue, MaxTimestampAge = TimeSpan.MaxValue };
        var random = new Random(3);
        var min = DateTimeOffset.MinValue.AddDays(2).ToUnixTimeMilliseconds();
        var max = DateTimeOffset.MaxValue.AddDays(-2).ToUnixTimeMilliseconds();
        var expected = new List<long>();
        var records = new List<string>();
        for (var i = 0; i < 2_000; i++)
        {
            var instant = DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(min, max));
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1));
            var text = instant.ToOffset(offset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
            expected.Add(instant.ToUnixTimeMilliseconds());
            records.Add(Record(("timestamp", Quoted(text))));
        }

        var result = Parse(Array(records.ToArray()), limits: limits);

        Assert.Empty(result.Errors);
        Seq(expected, Assert.Single(result.Batches).TimestampsMs);
    }

    [Theory]
    [InlineData("2024-02-29T00:00:00Z", true)]
    [InlineData("2023-02-29T00:00:00Z", false)]
    [InlineData("2000-02-29T00:00:00Z", true)]
    [InlineData("1900-02-29T00:00:00Z", false)]
    [InlineData("2026-04-31T00:00:00Z", false)]
    [InlineData("2026-12-31T23:59:59.999Z", true)]
    [InlineData("2026-11-24T10:00:00+24:00", false)]
    [InlineData("2026-11-24T10:00:00.Z", false)]
    [InlineData("2026-11-24T10:00:00+0100", false)]
    [InlineData("2026-11-24T10:00Z", false)]
    public void Calendar_rules_apply_to_timestamps(string timestamp, bool valid)
    {
        var limits = new IngestLimits { MaxFutureSkew = TimeSpan.MaxValue, MaxTimestampAge = TimeSpan.MaxValue };

        var result = Parse(Record(("timestamp", Quoted(timestamp))), limits: limits);

        Assert.Equal(valid ? 1 : 0, result.Accepted);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("latency_ms")]
    [InlineData("status")]
    [InlineData("features")]
    public void Duplicate_top_level_fields_refuse_the_record(string field)
    {
        var record = Record();
        var value = field switch
        {
            "model" => "\"other\"",
            "latency_ms" => "3",
            "status" => "\"error\"",
            _ => "{}",
        };
        var body = record[..^1] + $", \"{field}\": {value}}}";

        var error = Assert.Single(Parse(body).Errors);

        Assert.Equal(RejectionReason.DuplicateField, error.Reason);
        Assert.Equal($"{field}: appears more than once in this record", error.Error);
    }

    [Fact]
    public void Too_many_features_refuse_the_record()
    {
        var limits = new IngestLimits { MaxFeaturesPerRecord = 4 };
        var four = "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}";
        var five = "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5}";

        var result = Parse(Array(Record(("features", four)), Record(("features", five))), limits: limits);

        Assert.Equal(1, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RejectionReason.LimitExceeded, error.Reason);
        Assert.Equal("features: more than 4 features in one record", error.Error);
    }

    [Fact]
    public void Default_limit_allows_256_features()
    {
        var features = "{" + string.Join(",", Enumerable.Range(0, 256).Select(i => $"\"f{i}\": {i}")) + "}";

        var batch = Assert.Single(Parse(Record(("features", features))).Batches);

        Assert.Equal(256, batch.Features.Length);
        Assert.Equal(255.0, batch.Features[255].Numbers[0]);
    }

    [Fact]
    public void Distinct_features_per_version_are_capped_and_the_excess_records_refused()
    {
        var limits = new IngestLimits { MaxDistinctFeaturesPerVersion = 3 };
        var body = Array(
            Record(("features", "{\"a\":1,\"b\":2}")),
            Record(("features", "{\"b\":1,\"c\":2}")),
            Record(("features", "{\"d\":1}")),
            Record(("features", "{\"a\":1,\"c\":2}")),
            Record(("version", "\"v2\""), ("features", "{\"d\":1,\"e\":2}")));

        var result = Parse(body, limits: limits);

        Assert.Equal(4, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Index);
        Assert.Equal(RejectionReason.LimitExceeded, error.Reason);
        Assert.Contains("fraud/v1", error.Error);
        Seq(["a", "b", "c"], result.Batches[0].Features.Select(f => f.Name));
        Seq(["d", "e"], result.Batches[1].Features.Select(f => f.Name));
    }

    [Fact]
    public void Configured_name_length_applies()
    {
        var limits = new IngestLimits { MaxNameLength = 3 };

        var result = Parse(Array(Record(("model", "\"abc\"")), Record(("model", "\"abcd\""))), limits: limits);

        Assert.Equal(1, result.Accepted);
        Assert.Contains("model: longer than 3 characters", Assert.Single(result.Errors).Error);
    }

    [Fact]
    public void Configured_timestamp_window_applies()
    {
        var limits = new IngestLimits { MaxFutureSkew = TimeSpan.Zero, MaxTimestampAge = TimeSpan.FromHours(1) };

        var result = Parse(Array(
            Record(("timestamp", "\"2026-11-24T10:00:00.001Z\"")),
            Record(("timestamp", "\"2026-11-24T08:59:59Z\"")),
            Record(("timestamp", "\"2026-11-24T09:00:00Z\""))), limits: limits);

        Assert.Equal(1, result.Accepted);
        Seq([0, 1], result.Errors.Select(e => e.Index));
        Assert.Contains("older than the retention of 1 hour", result.Errors[1].Error);
        Assert.Equal(2, result.RejectedFor(RejectionReason.TimestampOutOfRange));
    }

    [Fact]
    public void The_first_problem_of_a_record_in_document_order_is_the_one_reported()
    {
        var body = """{"model": "m", "version": "v", "latency_ms": -1, "confidence": 7, "status": "maybe"}""";

        var error = Assert.Single(Parse(body).Errors);

        Assert.StartsWith("latency_ms:", error.Error);
    }

    [Fact]
    public void Non_object_array_elements_are_refused_alone()
    {
        var result = Parse(Array(Record(), "42", "null", "[1]", "\"x\"", Record()));

        Assert.Equal(2, result.Accepted);
        Seq([1, 2, 3, 4], result.Errors.Select(e => e.Index));
        Assert.All(result.Errors, e => Assert.Equal(RejectionReason.InvalidJson, e.Reason));
        Assert.Equal("record: must be a JSON object, got a number", result.Errors[0].Error);
        Assert.Equal("record: must be a JSON object, got an array", result.Errors[2].Error);
    }
}

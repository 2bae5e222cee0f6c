using System.Text;
using Monitor.Gateway.Ingest;
using static Monitor.Gateway.Tests.Ingest.IngestTestData;

namespace Monitor.Gateway.Tests.Ingest;

public class HostileInputTests
{
    [Theory]
    [InlineData("latency_ms", "NaN", "latency_ms")]
    [InlineData("latency_ms", "Infinity", "latency_ms")]
    [InlineData("latency_ms", "-Infinity", "latency_ms")]
    [InlineData("confidence", "NaN", "confidence")]
    [InlineData("prediction", "-Infinity", "prediction")]
    [InlineData("features", "{\"amount\": NaN, \"b\": 1}", "features.amount")]
    [InlineData("features", "{\"a\": 1, \"amount\": Infinity}", "features.amount")]
    public void Python_nan_and_infinity_tokens_refuse_only_their_record(string field, string json, string path)
    {
        var result = Parse(Array(Record(("id", "\"a\"")), Record((field, json)), Record(("id", "\"c\""))));

        Assert.Null(result.Failure);
        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(RejectionReason.InvalidValue, error.Reason);
        Assert.Equal($"{path}: NaN and Infinity are not valid JSON numbers; send a finite number, or null where the field allows it", error.Error);
        Seq(["a", "c"], Assert.Single(result.Batches).Ids);
    }

    [Fact]
    public void Nan_in_a_single_object_body_refuses_the_record_not_the_request()
    {
        var result = Parse(Record(("latency_ms", "NaN")));

        Assert.Null(result.Failure);
        Assert.Equal(0, result.Accepted);
        Assert.Equal(1, result.Rejected);
        Assert.StartsWith("latency_ms: NaN", Assert.Single(result.Errors).Error);
    }

    [Fact]
    public void Nan_in_an_ndjson_line_refuses_that_line()
    {
        var body = Record() + "\n" + Record(("features", "{\"x\": NaN}")) + "\n" + Record();

        var result = Parse(body, IngestFormat.Ndjson);

        Assert.Equal(2, result.Accepted);
        Assert.StartsWith("features.x: NaN", Assert.Single(result.Errors).Error);
    }

    [Fact]
    public void Invalid_utf8_inside_a_feature_value_refuses_only_that_element()
    {
        var body = Concat("[", Record(), ",", Record(("features", "{\"city\": \"PLACEHOLDER\"}")).Split("PLACEHOLDER")[0],
            new byte[] { 0xC3, 0x28, 0xFF }, Record(("features", "{\"city\": \"PLACEHOLDER\"}")).Split("PLACEHOLDER")[1], ",", Record(), "]");

        var result = Parse(body);

        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(RejectionReason.InvalidValue, error.Reason);
        Assert.StartsWith("features.city: is not valid UTF-8", error.Error);
    }

    [Fact]
    public void Invalid_utf8_in_a_feature_name_or_model_refuses_the_record()
    {
        var badName = Concat("{\"model\":\"m\",\"version\":\"v\",\"latency_ms\":1,\"status\":\"success\",\"features\":{\"", new byte[] { 0xFF }, "\":1}}");
        var badModel = Concat("{\"model\":\"", new byte[] { 0xE2, 0x82 }, "\",\"version\":\"v\",\"latency_ms\":1,\"status\":\"success\"}");
        var body = Concat(Record(), "\n", badName, "\n", badModel, "\n", Record());

        var result = Parse(body, IngestFormat.Ndjson);

        Assert.Equal(2, result.Accepted);
        Seq([1, 2], result.Errors.Select(e => e.Index));
        Assert.Contains("is not valid UTF-8", result.Errors[0].Error);
        Assert.StartsWith("model: must be 1-64 characters", result.Errors[1].Error);
    }

    [Fact]
    public void Invalid_utf8_between_tokens_refuses_only_that_element()
    {
        var body = Concat("[", Record(), ",{\"model\": \"m\", ", new byte[] { 0xFF, 0xFE }, " \"latency_ms\": 1},", Record(), "]");

        var result = Parse(body);

        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal(RejectionReason.InvalidJson, error.Reason);
        Assert.StartsWith("record: invalid JSON at byte", error.Error);
    }

    [Fact]
    public void Bad_token_in_one_element_keeps_the_others_with_the_right_indices()
    {
        var body = Array(
            Record(("id", "\"0\"")),
            "{\"model\": \"m\", \"version\": 'v1'}",
            Record(("id", "\"2\"")),
            Record(("latency_ms", "-1")),
            "{\"model\": \"m\" \"version\": \"v\"}",
            Record(("id", "\"5\"")),
            "{\"model\": \"m\", \"features\": {\"a\": [1, 2}}",
            Record(("id", "\"7\"")));

        var result = Parse(body);

        Seq(["0", "2", "5", "7"], Assert.Single(result.Batches).Ids);
        Seq([1, 3, 4, 6], result.Errors.Select(e => e.Index));
        Assert.Equal(RejectionReason.InvalidJson, result.Errors[0].Reason);
        Assert.StartsWith("version: invalid JSON at byte", result.Errors[0].Error);
        Assert.Equal(RejectionReason.InvalidValue, result.Errors[1].Reason);
        Assert.Equal(RejectionReason.InvalidJson, result.Errors[2].Reason);
        Assert.StartsWith("features.a: must be a number, a string or null, got an array", result.Errors[3].Error);
    }

    [Fact]
    public void Truncated_array_keeps_the_complete_records_and_refuses_the_cut_one()
    {
        var body = Array(Record(("id", "\"a\"")), Record(("id", "\"b\"")), Record());
        body = body[..(body.Length - 40)];

        var result = Parse(body);

        Assert.Null(result.Failure);
        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Index);
        Assert.Contains("truncated", error.Error);
    }

    [Theory]
    [InlineData(",")]
    [InlineData(", ")]
    [InlineData("")]
    public void Array_cut_at_a_record_boundary_reports_the_cut(string tail)
    {
        var result = Parse("[" + Record() + tail);

        Assert.Null(result.Failure);
        Assert.Equal(1, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.Contains("before the JSON array is closed", error.Error);
    }

    [Theory]
    [InlineData("{\"model\": \"fraud\", \"version\"")]
    [InlineData("{\"model\": \"fr")]
    [InlineData("[{\"model\": \"fraud\"")]
    [InlineData("[")]
    [InlineData("[ ")]
    public void Body_cut_before_its_first_record_ends_is_refused_as_a_whole(string body)
    {
        var result = Parse(body);

        Assert.Equal(IngestFailureKind.Truncated, result.Failure?.Kind);
        Assert.Empty(result.Batches);
    }

    [Fact]
    public void Truncated_last_ndjson_line_refuses_only_that_line()
    {
        var body = Record() + "\n" + Record() + "\n" + Record()[..30];

        var result = Parse(body, IngestFormat.Ndjson);

        Assert.Equal(2, result.Accepted);
        Assert.Equal(2, Assert.Single(result.Errors).Index);
        Assert.Equal(RejectionReason.InvalidJson, result.Errors[0].Reason);
    }

    [Fact]
    public void Trailing_comma_in_an_array_loses_nothing()
    {
        var result = Parse("[" + Record() + "," + Record() + ",]");

        Assert.Null(result.Failure);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(0, result.Rejected);
    }

    [Fact]
    public void Empty_element_between_commas_is_refused()
    {
        var result = Parse("[" + Record() + ",," + Record() + "]");

        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, Assert.Single(result.Errors).Index);
    }

    [Fact]
    public void Ten_thousand_nested_arrays_in_a_feature_refuse_only_that_record()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        var result = Parse(Array(Record(), Record(("features", "{\"x\": " + deep + "}")), Record()));

        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Index);
        Assert.StartsWith("features.x: must be a number, a string or null, got an array", error.Error);
    }

    [Fact]
    public void Deep_nesting_in_an_unknown_field_refuses_the_record_as_too_deep()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        var result = Parse(Record() + "\n" + Record(("extra", deep)) + "\n" + Record(), IngestFormat.Ndjson);

        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RejectionReason.LimitExceeded, error.Reason);
        Assert.Equal("record: JSON nested too deeply", error.Error);
    }

    [Fact]
    public void Deeply_nested_body_does_not_overflow_the_stack()
    {
        var open = Parse(new string('[', 200_000));
        var balanced = Parse(new string('[', 100_000) + new string(']', 100_000));
        var objects = Parse(string.Concat(Enumerable.Repeat("{\"a\":", 100_000)));

        Assert.Equal(IngestFailureKind.Truncated, open.Failure?.Kind);
        Assert.Null(balanced.Failure);
        Assert.Equal(1, balanced.Rejected);
        Assert.Equal(IngestFailureKind.Truncated, objects.Failure?.Kind);
    }

    [Theory]
    [InlineData("features", "{\"blob\": \"BIG\"}", "features.blob: longer than 1024 characters")]
    [InlineData("id", "\"BIG\"", "id: longer than 128 characters")]
    [InlineData("model", "\"BIG\"", "model: longer than 64 characters")]
    [InlineData("prediction", "\"BIG\"", "prediction: longer than 256 characters")]
    [InlineData("error", "\"BIG\"", "error: longer than 64 characters")]
    [InlineData("features", "{\"BIG\": 1}", "features: feature name")]
    public void Megabyte_strings_refuse_their_record_with_a_short_message(string field, string json, string message)
    {
        var big = new string('x', 1 << 20);

        var result = Parse(Array(Record(), Record((field, json.Replace("BIG", big))), Record()));

        Assert.Equal(2, result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RejectionReason.LimitExceeded, error.Reason);
        Assert.Contains(message, error.Error);
        Assert.True(error.Error.Length < 300, "the message must not echo the value");
    }

    [Fact]
    public void Megabyte_escaped_string_is_refused_without_decoding()
    {
        var big = string.Concat(Enumerable.Repeat("\\u00e9", 200_000));

        var error = Assert.Single(Parse(Record(("features", "{\"s\": \"" + big + "\"}"))).Errors);

        Assert.Equal(RejectionReason.LimitExceeded, error.Reason);
        Assert.StartsWith("features.s: longer than 1024 characters", error.Error);
    }

    [Fact]
    public void Huge_numbers_are_refused_or_kept_by_their_value()
    {
        var result = Parse(Array(
            Record(("features", "{\"x\": 1e308}")),
            Record(("features", "{\"x\": 1e309}")),
            Record(("features", "{\"x\": 1e-400}")),
            Record(("features", "{\"x\": " + new string('9', 400) + "}"))));

        Seq([1, 3], result.Errors.Select(e => e.Index));
        Seq([1e308, 0.0], Assert.Single(result.Batches).Features[0].Numbers);
    }

    [Fact]
    public void More_records_than_the_limit_refuse_the_request()
    {
        var limits = new IngestLimits { MaxRecordsPerRequest = 3 };
        var four = Array(Record(), Record(), Record(), Record());
        var three = Array(Record(), Record(), Record());

        var refused = Parse(four, limits: limits);
        var ndjson = Parse(string.Join("\n", Enumerable.Repeat(Record(), 4)), IngestFormat.Ndjson, limits);

        Assert.Equal(IngestFailureKind.TooManyRecords, refused.Failure?.Kind);
        Assert.Contains("more than 3 records", refused.Failure!.Message);
        Assert.Equal(0, refused.Accepted);
        Assert.Equal(IngestFailureKind.TooManyRecords, ndjson.Failure?.Kind);
        Assert.Equal(3, Parse(three, limits: limits).Accepted);
    }

    [Fact]
    public void Default_limit_is_ten_thousand_records()
    {
        var record = Record();
        var body = "[" + string.Join(",", Enumerable.Repeat(record, 10_001)) + "]";

        Assert.Equal(IngestFailureKind.TooManyRecords, Parse(body).Failure?.Kind);
        Assert.Equal(10_000, Parse("[" + string.Join(",", Enumerable.Repeat(record, 10_000)) + "]").Accepted);
    }

    [Fact]
    public void Listed_errors_are_bounded_but_counts_stay_exact()
    {
        var limits = new IngestLimits { MaxReportedErrors = 10 };
        var records = Enumerable.Range(0, 25).Select(i => i % 5 == 0 ? Record() : Record(("latency_ms", "-1"))).ToArray();

        var result = Parse(Array(records), limits: limits);

        Assert.Equal(5, result.Accepted);
        Assert.Equal(20, result.Rejected);
        Assert.Equal(10, result.Errors.Count);
        Seq([1, 2, 3, 4, 6, 7, 8, 9, 11, 12], result.Errors.Select(e => e.Index));
        Assert.Equal(20, result.RejectedFor(RejectionReason.InvalidValue));
    }

    [Fact]
    public void Rejections_are_counted_per_reason()
    {
        var result = Parse(Array(
            Record(("model", null)),
            Record(("latency_ms", "-1")),
            "{\"model\": x}",
            Record(("id", Quoted(new string('i', 500)))),
            Record(("timestamp", "\"2020-01-01T00:00:00Z\"")),
            Record(("features", "{\"a\":1,\"a\":2}"))));

        Assert.Equal(6, result.Rejected);
        foreach (var reason in RejectionReasons.All)
        {
            Assert.Equal(1, result.RejectedFor(reason));
        }

        Seq(
            ["missing_field", "invalid_value", "invalid_json", "limit_exceeded", "timestamp_out_of_range", "duplicate_field"],
            result.Errors.Select(e => e.Reason.ToLabel()));
    }

    [Fact]
    public void Control_characters_in_values_are_escaped_in_messages()
    {
        var error = Assert.Single(Parse(Record(("status", "\"\\u001b[31mred\""))).Errors);

        Assert.Equal("status: must be \"success\" or \"error\", got \"\\u001b[31mred\"", error.Error);
        Assert.DoesNotContain('\u001b', error.Error);
    }

    [Fact]
    public void Unpaired_surrogate_escape_refuses_the_record()
    {
        var error = Assert.Single(Parse(Record(("features", "{\"s\": \"\\ud800\"}"))).Errors);

        Assert.Equal(RejectionReason.InvalidValue, error.Reason);
        Assert.StartsWith("features.s: contains an invalid", error.Error);
    }

    [Fact]
    public void Many_distinct_hostile_feature_names_stay_bounded_per_version()
    {
        // 2,000 records each naming 4 new features: only the first 512 names become columns.
        var records = Enumerable.Range(0, 2_000).Select(i =>
            Record(("features", "{" + string.Join(",", Enumerable.Range(0, 4).Select(k => $"\"f{i}_{k}\": 1")) + "}")));

        var result = Parse(Array(records.ToArray()));

        Assert.Equal(128, result.Accepted);
        Assert.Equal(1_872, result.RejectedFor(RejectionReason.LimitExceeded));
        Assert.Equal(512, Assert.Single(result.Batches).Features.Length);
    }

    [Fact]
    public void Garbage_bytes_are_refused_as_not_json()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        bytes[0] = 0x01;

        Assert.Equal(IngestFailureKind.NotJson, Parse(bytes).Failure?.Kind);
        Assert.Equal(IngestFailureKind.NotJson, Parse(bytes, IngestFormat.Ndjson).Failure?.Kind);
    }

    [Fact]
    public void Random_mutations_of_a_valid_body_never_throw()
    {
        var original = Encoding.UTF8.GetBytes(Array(Record(), Record(("features", "{\"a\": \"x\", \"b\": null}")), Record()));
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var cut = random.Next(2) == 0 ? bytes.Length : random.Next(bytes.Length);
            var result = Parse(bytes[..cut], (IngestFormat)random.Next(2));

            if (result.Failure is null)
            {
                Assert.Equal(result.Accepted, result.Batches.Sum(b => b.Count));
                Assert.All(result.Batches, AssertWellFormed);
                Assert.True(result.Errors.Count == result.Rejected);
            }
        }
    }

    [Fact]
    public void Random_token_insertions_never_throw_and_keep_batches_well_formed()
    {
        string[] tokens = ["{", "}", "[", "]", ",", ":", "\"", "\\", "NaN", "-Infinity", "1e999", "null", "\n", "\\u00", "\"model\":", "\"features\":{"];
        var original = Array(
            Record(("version", "\"v1\"")),
            Record(("version", "\"v2\""), ("features", "{\"a\": \"x\", \"b\": null}")),
            Record(("status", "\"error\""), ("error", "\"Timeout\"")),
            Record(("prediction", "\"cat\"")));
        var random = new Random(5);
        for (var i = 0; i < 2_000; i++)
        {
            var text = original;
            for (var k = random.Next(1, 3); k > 0; k--)
            {
                var at = random.Next(text.Length);
                text = text[..at] + tokens[random.Next(tokens.Length)] + text[at..];
            }

            var format = (IngestFormat)random.Next(2);
            var result = Parse(format == IngestFormat.Ndjson ? text.Replace(",\n", "\n").Trim('[', ']') : text, format);

            if (result.Failure is null)
            {
                Assert.Equal(result.Accepted, result.Batches.Sum(b => b.Count));
                Assert.All(result.Batches, AssertWellFormed);
                Assert.Equal(result.Rejected, result.Errors.Count);
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Error)));
            }
            else
            {
                Assert.Empty(result.Batches);
            }
        }
    }
}

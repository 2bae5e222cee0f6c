using Monitor.Gateway.Ingest;
using Monitor.Grains.Ingest;
using static Monitor.Gateway.Tests.Ingest.IngestTestData;

namespace Monitor.Gateway.Tests.Ingest;

public class BatchColumnTests
{
    [Fact]
    public void Spec_example_record_fills_every_column()
    {
        const string body = """
            {"model": "fraud", "version": "v1.0", "id": "req-81f2", "timestamp": "2026-11-24T09:59:00Z",
             "features": {"amount": 12.5, "country": "DE", "age": null},
             "prediction": 0, "confidence": 0.95, "latency_ms": 12.5,
             "status": "success", "error": null}
            """;

        var batch = Assert.Single(Parse(body).Batches);

        Assert.Equal("fraud", batch.Model);
        Assert.Equal("v1.0", batch.Version);
        Assert.Equal(1, batch.Count);
        Seq([NowMs - 60_000], batch.TimestampsMs);
        Seq([12.5], batch.LatenciesMs);
        Seq([0.95], batch.Confidences);
        Seq([true], batch.Succeeded);
        Seq([null], batch.ErrorTypes);
        Seq(["req-81f2"], batch.Ids);
        Seq([0.0], batch.Predictions.Numbers);
        Assert.Null(batch.Predictions.Labels);
        Assert.True(batch.Predictions.IsPresent(0));

        Seq(["amount", "country", "age"], batch.Features.Select(f => f.Name));
        var amount = batch.Features[0];
        Seq([FeatureValueKind.Number], amount.Kinds);
        Seq([12.5], amount.Numbers);
        Assert.Null(amount.Texts);
        var country = batch.Features[1];
        Seq([FeatureValueKind.Text], country.Kinds);
        Assert.True(double.IsNaN(country.Numbers[0]));
        Seq(["DE"], country.Texts!);
        var age = batch.Features[2];
        Seq([FeatureValueKind.Null], age.Kinds);
        Assert.True(double.IsNaN(age.Numbers[0]));
        Assert.Null(age.Texts);
    }

    [Fact]
    public void Missing_optional_fields_take_their_documented_defaults()
    {
        var body = """{"model": "m", "version": "v", "latency_ms": 0, "status": "success"}""";

        var batch = Assert.Single(Parse(body).Batches);

        Seq([NowMs], batch.TimestampsMs);
        Assert.True(double.IsNaN(batch.Confidences[0]));
        Seq([null], batch.Ids);
        Assert.False(batch.Predictions.IsPresent(0));
        Assert.Empty(batch.Features);
    }

    [Fact]
    public void Nulls_for_optional_fields_mean_absent()
    {
        var body = """{"model": "m", "version": "v", "latency_ms": 1, "status": "success", "id": null, "timestamp": null, "confidence": null, "prediction": null, "error": null, "features": null}""";

        var result = Parse(body);

        Assert.Equal(1, result.Accepted);
        var batch = Assert.Single(result.Batches);
        Seq([NowMs], batch.TimestampsMs);
        Assert.Empty(batch.Features);
    }

    [Fact]
    public void Records_are_grouped_by_model_version_in_first_seen_order()
    {
        var body = Array(
            Record(("model", "\"fraud\""), ("version", "\"v1\""), ("id", "\"1\"")),
            Record(("model", "\"fraud\""), ("version", "\"v2\""), ("id", "\"2\"")),
            Record(("model", "\"churn\""), ("version", "\"v1\""), ("id", "\"3\"")),
            Record(("model", "\"fraud\""), ("version", "\"v1\""), ("id", "\"4\"")),
            Record(("model", "\"fraud\""), ("version", "\"v2\""), ("id", "\"5\"")),
            Record(("model", "\"fraud\""), ("version", "\"v1\""), ("id", "\"6\"")));

        var result = Parse(body);

        Assert.Equal(6, result.Accepted);
        Seq(
            ["fraud/v1:1,4,6", "fraud/v2:2,5", "churn/v1:3"],
            result.Batches.Select(b => $"{b.Model}/{b.Version}:{string.Join(",", b.Ids)}"));
        Assert.All(result.Batches, AssertWellFormed);
    }

    [Fact]
    public void Model_and_version_are_a_pair_not_a_concatenation()
    {
        var result = Parse(Array(
            Record(("model", "\"a\""), ("version", "\"bc\"")),
            Record(("model", "\"ab\""), ("version", "\"c\""))));

        Assert.Equal(2, result.Batches.Count);
    }

    [Fact]
    public void Features_missing_from_some_records_are_marked_missing()
    {
        var body = Array(
            Record(("features", """{"a": 1, "b": "x"}""")),
            Record(("features", """{"c": 3}""")),
            Record(("features", """{"b": null, "a": 2}""")),
            Record(("features", "{}")));

        var batch = Assert.Single(Parse(body).Batches);

        Seq(["a", "b", "c"], batch.Features.Select(f => f.Name));
        var a = batch.Features[0];
        Seq([FeatureValueKind.Number, FeatureValueKind.Missing, FeatureValueKind.Number, FeatureValueKind.Missing], a.Kinds);
        Assert.Equal(1.0, a.Numbers[0]);
        Assert.True(double.IsNaN(a.Numbers[1]));
        Assert.Equal(2.0, a.Numbers[2]);
        Assert.True(double.IsNaN(a.Numbers[3]));
        var b = batch.Features[1];
        Seq([FeatureValueKind.Text, FeatureValueKind.Missing, FeatureValueKind.Null, FeatureValueKind.Missing], b.Kinds);
        Seq(["x", null, null, null], b.Texts!);
        var c = batch.Features[2];
        Seq([FeatureValueKind.Missing, FeatureValueKind.Number, FeatureValueKind.Missing, FeatureValueKind.Missing], c.Kinds);
        Assert.Equal(3.0, c.Numbers[1]);
    }

    [Fact]
    public void Feature_columns_are_per_version()
    {
        var body = Array(
            Record(("version", "\"v1\""), ("features", """{"a": 1}""")),
            Record(("version", "\"v2\""), ("features", """{"b": 2}""")),
            Record(("version", "\"v1\""), ("features", """{"a": 3}""")));

        var result = Parse(body);

        Seq(["a"], result.Batches[0].Features.Select(f => f.Name));
        Seq([1.0, 3.0], result.Batches[0].Features[0].Numbers);
        Seq(["b"], result.Batches[1].Features.Select(f => f.Name));
        Seq([2.0], result.Batches[1].Features[0].Numbers);
    }

    [Fact]
    public void A_feature_can_be_a_number_in_one_record_and_text_in_another()
    {
        var batch = Assert.Single(Parse(Array(
            Record(("features", """{"zip": 10115}""")),
            Record(("features", """{"zip": "10115-A"}""")))).Batches);

        var zip = Assert.Single(batch.Features);
        Seq([FeatureValueKind.Number, FeatureValueKind.Text], zip.Kinds);
        Assert.Equal(10115.0, zip.Numbers[0]);
        Assert.True(double.IsNaN(zip.Numbers[1]));
        Seq([null, "10115-A"], zip.Texts!);
    }

    [Fact]
    public void Predictions_keep_labels_and_numbers_apart()
    {
        var batch = Assert.Single(Parse(Array(
            Record(("prediction", "\"cat\"")),
            Record(("prediction", "0.25")),
            Record(("prediction", "null")))).Batches);

        Seq(["cat", null, null], batch.Predictions.Labels!);
        Assert.True(double.IsNaN(batch.Predictions.Numbers[0]));
        Assert.Equal(0.25, batch.Predictions.Numbers[1]);
        Assert.True(batch.Predictions.IsLabel(0));
        Assert.False(batch.Predictions.IsLabel(1));
        Assert.False(batch.Predictions.IsPresent(2));
    }

    [Fact]
    public void Error_records_carry_their_error_type_or_unknown()
    {
        var batch = Assert.Single(Parse(Array(
            Record(("status", "\"error\""), ("error", "\"Timeout\"")),
            Record(("status", "\"error\"")),
            Record(("status", "\"error\""), ("error", "null")),
            Record(("status", "\"success\"")))).Batches);

        Seq([false, false, false, true], batch.Succeeded);
        Seq(["Timeout", "unknown", "unknown", null], batch.ErrorTypes);
    }

    [Fact]
    public void Escaped_names_and_values_are_unescaped()
    {
        var body = """{"mo\u0064el": "fr\u0061ud", "version": "v1", "latency_ms": 1, "status": "succ\u0065ss", "features": {"caf\u00e9": "na\u00efve \"q\""}}""";

        var result = Parse(body);

        Assert.Empty(result.Errors);
        var batch = Assert.Single(result.Batches);
        Assert.Equal("fraud", batch.Model);
        var feature = Assert.Single(batch.Features);
        Assert.Equal("café", feature.Name);
        Seq(["naïve \"q\""], feature.Texts!);
    }

    [Fact]
    public void Unknown_top_level_fields_are_ignored()
    {
        var body = Record(("extra", """{"nested": [1, {"deep": true}], "n": NaN_IS_NOT_HERE}""".Replace("NaN_IS_NOT_HERE", "null")), ("tags", "[\"a\"]"), ("flag", "true"));

        var result = Parse(body);

        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public void Same_feature_names_across_records_share_one_string()
    {
        var batches = Parse(Array(Record(("version", "\"v1\"")), Record(("version", "\"v2\"")))).Batches;

        Assert.Same(batches[0].Features[0].Name, batches[1].Features[0].Name);
    }
}

using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Outcomes;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Tests.Outcomes;

public sealed class OutcomeParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly OutcomeParser _parser = new(new IngestLimits { MaxRecordsPerRequest = 50 }, new FakeTimeProvider(Now));

    [Fact]
    public void Labels_are_grouped_per_version_or_model_with_their_request_indices()
    {
        var result = Labels("""
            [{"model": "fraud", "version": "v1", "id": "a", "label": 1},
             {"model": "fraud", "id": "b", "label": "fraud", "timestamp": "2026-11-24T09:00:00Z"},
             {"model": "fraud", "version": "v1", "id": "c", "value": 2.5, "extra": {"ignored": true}}]
            """);

        Assert.Equal(3, result.Accepted);
        Assert.Equal(0, result.Rejected);
        var v1 = result.Groups.Single(g => g.Version == "v1");
        Assert.Equal([0, 2], v1.RequestIndices);
        Assert.Equal([PredictionIdHash.Of("a"), PredictionIdHash.Of("c")], v1.Batch.IdHashes);
        Assert.Equal([LabelKind.Class, LabelKind.Value], v1.Batch.Kinds);
        Assert.Equal([1, 2.5], v1.Batch.Numbers);
        Assert.Equal([Now.ToUnixTimeMilliseconds(), Now.ToUnixTimeMilliseconds()], v1.Batch.TimestampsMs);
        var model = result.Groups.Single(g => g.Version is null);
        Assert.Equal("fraud", model.Batch.Texts![0]);
        Assert.Equal(Now.AddHours(-1).ToUnixTimeMilliseconds(), model.Batch.TimestampsMs[0]);
    }

    [Theory]
    [InlineData("""{"id": "a", "label": 1}""", "model: required field is missing", "missing_field")]
    [InlineData("""{"model": "m", "label": 1}""", "id: required field is missing", "missing_field")]
    [InlineData("""{"model": "m", "id": "a"}""", "label: required field is missing", "missing_field")]
    [InlineData("""{"model": "m", "id": "a", "label": 1, "value": 1}""", "label: send either label", "invalid_value")]
    [InlineData("""{"model": "m", "id": "a", "label": true}""", "label: must be a class as a string or a number", "invalid_value")]
    [InlineData("""{"model": "m", "id": "a", "value": "high"}""", "value: must be a finite number", "invalid_value")]
    [InlineData("""{"model": "m", "id": 7, "label": 1}""", "id: must be a string", "invalid_value")]
    [InlineData("""{"model": "m", "id": "", "label": 1}""", "id: must be 1-128 printable characters", "invalid_value")]
    [InlineData("""{"model": "m/x", "id": "a", "label": 1}""", "model: must be 1-64 characters", "invalid_value")]
    [InlineData("""{"model": "m", "id": "a", "label": 1, "label": 0}""", "label: appears more than once", "duplicate_field")]
    [InlineData("""{"model": "m", "id": "a", "label": 1, "timestamp": "2026-11-24 10:00"}""", "timestamp: must be an RFC 3339 date-time", "invalid_value")]
    [InlineData("""{"model": "m", "id": "a", "label": 1, "timestamp": "2026-11-20T10:00:00Z"}""", "timestamp: 2026-11-20T10:00:00.000Z is older than the retention", "timestamp_out_of_range")]
    [InlineData("""{"model": "m", "id": "a", "value": NaN}""", "value: NaN and Infinity are not valid JSON numbers", "invalid_value")]
    public void A_bad_label_is_refused_with_its_index_field_and_reason(string record, string error, string reason)
    {
        var result = Labels($$"""[{"model": "m", "id": "ok", "label": 1}, {{record}}]""");

        Assert.Equal(1, result.Accepted);
        Assert.Equal(1, result.Rejected);
        var refused = Assert.Single(result.Errors);
        Assert.Equal(1, refused.Index);
        Assert.StartsWith(error, refused.Error);
        Assert.Equal(reason, refused.Reason.ToLabel());
    }

    [Fact]
    public void An_escaped_id_has_the_key_of_its_text()
    {
        var result = Labels("""{"model": "m", "id": "r\u00e9q-\u2713", "label": 1}""");

        Assert.Equal(PredictionIdHash.Of("réq-✓"), result.Groups[0].Batch.IdHashes[0]);
    }

    [Fact]
    public void Ndjson_and_broken_lines_cost_only_themselves()
    {
        var result = _parser.ParseLabels(
            Body("""
                {"model": "m", "id": "a", "label": 1}

                {"model": "m", "id": "b", "label": 1
                {"model": "m", "id": "c", "label": 0}
                """),
            IngestFormat.Ndjson);

        Assert.Equal(2, result.Accepted);
        var refused = Assert.Single(result.Errors);
        Assert.Equal(1, refused.Index);
        Assert.Equal(RejectionReason.InvalidJson, refused.Reason);
    }

    [Fact]
    public void A_broken_array_keeps_the_records_around_the_break()
    {
        var result = Labels("""[{"model": "m", "id": "a", "label": 1}, {"model": "m", "id": "b", "label": tru}, {"model": "m", "id": "c", "label": 0}]""");

        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, Assert.Single(result.Errors).Index);
    }

    [Theory]
    [InlineData("", IngestFailureKind.EmptyBody)]
    [InlineData("hello", IngestFailureKind.NotJson)]
    [InlineData("""{"model": "m", "id": "a", "label": 1}{"model": "m"}""", IngestFailureKind.TrailingContent)]
    [InlineData("""[{"model": "m", "id": "a", "la""", IngestFailureKind.Truncated)]
    public void A_body_that_holds_no_readable_record_is_refused_whole(string body, IngestFailureKind kind)
    {
        Assert.Equal(kind, Labels(body).Failure!.Kind);
    }

    [Fact]
    public void Too_many_records_refuse_the_request()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"model": "m", "id": "{{i}}", "label": 1}""")) + "]";

        Assert.Equal(IngestFailureKind.TooManyRecords, Labels(body).Failure!.Kind);
    }

    [Fact]
    public void Events_need_a_type_an_id_or_version_and_revenue_needs_an_amount()
    {
        var result = _parser.ParseEvents(Body("""
            [{"model": "m", "id": "a", "type": "click"},
             {"model": "m", "version": "v2", "type": "revenue", "value": 19.9},
             {"model": "m", "type": "click"},
             {"model": "m", "id": "a", "type": "revenue"},
             {"model": "m", "id": "a"},
             {"model": "m", "id": "a", "type": "add to cart"},
             {"model": "m", "id": "a", "type": "add_to_cart", "value": null},
             {"model": "m", "id": "a", "type": "conversion", "value": "1"}]
            """), IngestFormat.Json);

        Assert.Equal(3, result.Accepted);
        Assert.Equal(
            [(2, "id: required when the event names no version"), (3, "value: required for a revenue event"), (4, "type: required field is missing"), (5, "type: must be 1-64 characters"), (7, "value: must be a finite number")],
            result.Errors.Select(e => (e.Index, e.Error[..Math.Min(e.Error.Length, PrefixOf(e.Index))])));
        var model = result.Groups.Single(g => g.Version is null);
        Assert.Equal([EventBatch.Click, "add_to_cart"], model.Batch.Types);
        Assert.True(double.IsNaN(model.Batch.Values[1]));
        var v2 = result.Groups.Single(g => g.Version == "v2");
        Assert.Equal(PredictionIdHash.None, v2.Batch.IdHashes[0]);
        Assert.Equal(19.9, v2.Batch.Values[0]);
    }

    [Fact]
    public void A_record_followed_by_garbage_on_its_line_is_refused_and_not_also_accepted()
    {
        var labels = _parser.ParseLabels(Body("""
            {"model": "m", "id": "a", "label": 1} trailing
            {"model": "m", "id": "b", "label": 0}
            """), IngestFormat.Ndjson);
        var events = _parser.ParseEvents(Body("""
            {"model": "m", "id": "a", "type": "click"}}
            {"model": "m", "id": "b", "type": "click"}
            """), IngestFormat.Ndjson);

        foreach (var (accepted, rejected, index, rows) in new[]
        {
            (labels.Accepted, labels.Rejected, labels.Errors.Single().Index, labels.Groups.Sum(g => g.Batch.Count)),
            (events.Accepted, events.Rejected, events.Errors.Single().Index, events.Groups.Sum(g => g.Batch.Count)),
        })
        {
            Assert.Equal(1, accepted);
            Assert.Equal(1, rejected);
            Assert.Equal(0, index);
            Assert.Equal(1, rows);
        }

        Assert.Equal([PredictionIdHash.Of("b")], labels.Groups.Single().Batch.IdHashes);
        Assert.Equal([PredictionIdHash.Of("b")], events.Groups.Single().Batch.IdHashes);
    }

    private static int PrefixOf(int index) => index switch
    {
        2 => "id: required when the event names no version".Length,
        3 => "value: required for a revenue event".Length,
        4 => "type: required field is missing".Length,
        5 => "type: must be 1-64 characters".Length,
        _ => "value: must be a finite number".Length,
    };

    private OutcomeParseResult<LabelBatch> Labels(string body) => _parser.ParseLabels(Body(body), IngestFormat.Json);

    private static ReadOnlySequence<byte> Body(string text) => new(Encoding.UTF8.GetBytes(text));
}

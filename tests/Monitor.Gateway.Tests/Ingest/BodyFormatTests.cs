using System.Buffers;
using System.Text;
using Monitor.Gateway.Ingest;
using static Monitor.Gateway.Tests.Ingest.IngestTestData;

namespace Monitor.Gateway.Tests.Ingest;

public class BodyFormatTests
{
    [Fact]
    public void Single_object_is_one_record()
    {
        var result = Parse(Record());

        Assert.Null(result.Failure);
        Assert.Equal(1, result.Accepted);
        Assert.Equal(0, result.Rejected);
        Assert.Empty(result.Errors);
        var batch = Assert.Single(result.Batches);
        Assert.Equal(1, batch.Count);
    }

    [Fact]
    public void Array_of_records_keeps_their_order()
    {
        var result = Parse(Array(
            Record(("id", "\"a\"")),
            Record(("id", "\"b\"")),
            Record(("id", "\"c\""))));

        Assert.Equal(3, result.Accepted);
        Seq(["a", "b", "c"], Assert.Single(result.Batches).Ids);
    }

    [Fact]
    public void Empty_array_accepts_nothing_and_is_not_an_error()
    {
        var result = Parse(" [ ] ");

        Assert.Null(result.Failure);
        Assert.Equal(0, result.Accepted);
        Assert.Empty(result.Batches);
    }

    [Fact]
    public void Ndjson_ignores_blank_lines_and_indexes_non_blank_ones()
    {
        var body = "\n" + Record(("id", "\"a\"")) + "\r\n\r\n   \n"
            + Record(("latency_ms", "-1")) + "\n"
            + "{ not json\n"
            + "\t\n"
            + Record(("id", "\"d\""));

        var result = Parse(body, IngestFormat.Ndjson);

        Assert.Null(result.Failure);
        Assert.Equal(2, result.Accepted);
        Assert.Equal(2, result.Rejected);
        Seq([1, 2], result.Errors.Select(e => e.Index));
        Seq(["a", "d"], Assert.Single(result.Batches).Ids);
    }

    [Fact]
    public void Ndjson_with_only_blank_lines_is_an_empty_body()
    {
        var result = Parse("\n \r\n\n", IngestFormat.Ndjson);

        Assert.Equal(IngestFailureKind.EmptyBody, result.Failure?.Kind);
    }

    [Fact]
    public void Ndjson_where_no_line_is_an_object_is_not_ndjson()
    {
        var result = Parse("[" + Record() + "]\n", IngestFormat.Ndjson);

        Assert.Equal(IngestFailureKind.NotJson, result.Failure?.Kind);
        Assert.Contains("application/json", result.Failure!.Message);
    }

    [Fact]
    public void Empty_body_is_refused_as_a_whole()
    {
        Assert.Equal(IngestFailureKind.EmptyBody, Parse("").Failure?.Kind);
        Assert.Equal(IngestFailureKind.EmptyBody, Parse("  \n ").Failure?.Kind);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("42")]
    [InlineData("\"record\"")]
    [InlineData("<xml/>")]
    public void Body_that_is_not_json_records_is_refused_as_a_whole(string body)
    {
        var result = Parse(body);

        Assert.Equal(IngestFailureKind.NotJson, result.Failure?.Kind);
        Assert.Equal(0, result.Accepted);
        Assert.Empty(result.Batches);
    }

    [Fact]
    public void Content_after_the_array_refuses_the_request()
    {
        var result = Parse(Array(Record()) + " []");

        Assert.Equal(IngestFailureKind.TrailingContent, result.Failure?.Kind);
        Assert.Equal(0, result.Accepted);
    }

    [Fact]
    public void Two_concatenated_objects_as_json_refuse_the_request_pointing_to_ndjson()
    {
        var result = Parse(Record() + Record());

        Assert.Equal(IngestFailureKind.TrailingContent, result.Failure?.Kind);
        Assert.Contains("NDJSON", result.Failure!.Message);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_tolerated()
    {
        var result = Parse(Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Array(Record())));

        Assert.Equal(1, result.Accepted);
    }

    [Fact]
    public void Multi_segment_sequence_parses_like_one_span()
    {
        var bytes = Encoding.UTF8.GetBytes(Array(Record(("id", "\"a\"")), Record(("latency_ms", "-2")), Record(("id", "\"c\""))));
        var first = new Segment(bytes.AsMemory(0, 10));
        var last = first.Append(bytes.AsMemory(10, 50)).Append(bytes.AsMemory(60));

        var result = Parser().Parse(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length), IngestFormat.Json);

        Assert.Equal(2, result.Accepted);
        Assert.Equal(1, Assert.Single(result.Errors).Index);
        Seq(["a", "c"], Assert.Single(result.Batches).Ids);
    }

    [Theory]
    [InlineData("application/x-ndjson", IngestFormat.Ndjson)]
    [InlineData("application/x-ndjson; charset=utf-8", IngestFormat.Ndjson)]
    [InlineData("Application/NDJSON", IngestFormat.Ndjson)]
    [InlineData("application/json", IngestFormat.Json)]
    [InlineData("application/json; charset=utf-8", IngestFormat.Json)]
    [InlineData(null, IngestFormat.Json)]
    public void Format_follows_the_content_type(string? contentType, IngestFormat expected)
    {
        Assert.Equal(expected, IngestFormats.FromContentType(contentType));
    }

    [Fact]
    public void Parses_on_the_same_thread_do_not_leak_into_each_other()
    {
        var parser = Parser();
        var first = parser.Parse(Encoding.UTF8.GetBytes(Array(
            Record(("model", "\"a\""), ("features", "{\"x\": 1, \"y\": \"s\"}")),
            Record(("latency_ms", "-1")))), IngestFormat.Json);
        var second = parser.Parse(Encoding.UTF8.GetBytes(Array(
            Record(("model", "\"b\""), ("features", "{\"y\": 2, \"z\": 3}")))), IngestFormat.Json);

        Assert.Equal(1, first.Rejected);
        Assert.Equal(0, second.Rejected);
        Assert.Empty(second.Errors);
        var batch = Assert.Single(second.Batches);
        Assert.Equal("b", batch.Model);
        Seq(["y", "z"], batch.Features.Select(f => f.Name));
        Assert.Null(batch.Features[0].Texts);
        Seq(["x", "y"], Assert.Single(first.Batches).Features.Select(f => f.Name));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

using System.Text;
using System.Text.Json;
using Monitor.Gateway.PredictionLog;

namespace Monitor.Gateway.Tests.PredictionLog;

public sealed class PredictionLogLineWriterTests
{
    private static readonly long T0 = DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static readonly string[] Keys =
        ["timestamp", "model", "version", "id", "features", "prediction", "confidence", "latency_ms", "status", "error"];

    private static List<string> Format(Monitor.Grains.Ingest.PredictionBatch batch)
    {
        var writer = new PredictionLogLineWriter();
        writer.Begin(batch);
        var lines = new List<string>();
        for (var i = 0; i < batch.Count; i++)
        {
            var line = Encoding.UTF8.GetString(writer.Format(i));
            Assert.EndsWith("\n", line);
            Assert.Equal(1, line.Count(c => c == '\n'));
            lines.Add(line.TrimEnd('\n'));
        }

        return lines;
    }

    private static TestRecord[] Mixed() =>
    [
        new(T0, "req-81f2", new Dictionary<string, object?> { ["amount"] = 12.5, ["country"] = "DE", ["age"] = null },
            0, 0.95, 12.5),
        new(T0 + 1, null, new Dictionary<string, object?> { ["amount"] = TestRecord.Missing, ["country"] = "FR", ["age"] = 31 },
            "fraud", null, 3),
        new(T0 + 2, "req-err", new Dictionary<string, object?>(),
            null, null, 1000, Succeeded: false, Error: "Timeout"),
        new(T0 + 123_456, "req-\"x\"", new Dictionary<string, object?> { ["country"] = "Zürich \"q\" \\ \n\t<b>", ["amount"] = -0.001, ["age"] = TestRecord.Missing },
            3.25, 1.0, 0),
    ];

    [Fact]
    public void A_numeric_record_is_one_exact_line()
    {
        var lines = Format(TestRecord.Batch("fraud", "v1.0", Mixed()));

        Assert.Equal(
            """{"timestamp":"2026-11-24T10:00:00.000Z","model":"fraud","version":"v1.0","id":"req-81f2","features":{"amount":12.5,"country":"DE","age":null},"prediction":0,"confidence":0.95,"latency_ms":12.5,"status":"success","error":null}""",
            lines[0]);
    }

    [Fact]
    public void Every_line_of_a_mixed_batch_is_complete_and_well_formed()
    {
        var lines = Format(TestRecord.Batch("fraud", "v1.0", Mixed()));
        Assert.Equal(4, lines.Count);

        var docs = lines.Select(l => JsonDocument.Parse(l)).ToList();
        foreach (var doc in docs)
        {
            Assert.Equal(Keys, doc.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("fraud", doc.RootElement.GetProperty("model").GetString());
            Assert.Equal("v1.0", doc.RootElement.GetProperty("version").GetString());
        }

        // A label prediction, a missing feature left out, a null confidence and id.
        var r1 = docs[1].RootElement;
        Assert.Equal("2026-11-24T10:00:00.001Z", r1.GetProperty("timestamp").GetString());
        Assert.Equal(JsonValueKind.Null, r1.GetProperty("id").ValueKind);
        Assert.Equal(["country", "age"], r1.GetProperty("features").EnumerateObject().Select(p => p.Name));
        Assert.Equal("FR", r1.GetProperty("features").GetProperty("country").GetString());
        Assert.Equal(31, r1.GetProperty("features").GetProperty("age").GetDouble());
        Assert.Equal("fraud", r1.GetProperty("prediction").GetString());
        Assert.Equal(JsonValueKind.Null, r1.GetProperty("confidence").ValueKind);
        Assert.Equal(3, r1.GetProperty("latency_ms").GetDouble());

        // A failed record: no features, no prediction, its error type.
        var r2 = docs[2].RootElement;
        Assert.Empty(r2.GetProperty("features").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, r2.GetProperty("prediction").ValueKind);
        Assert.Equal("error", r2.GetProperty("status").GetString());
        Assert.Equal("Timeout", r2.GetProperty("error").GetString());

        // Text that needs escaping survives the round trip; a regression value stays a number.
        var r3 = docs[3].RootElement;
        Assert.Equal("2026-11-24T10:02:03.456Z", r3.GetProperty("timestamp").GetString());
        Assert.Equal("req-\"x\"", r3.GetProperty("id").GetString());
        Assert.Equal("Zürich \"q\" \\ \n\t<b>", r3.GetProperty("features").GetProperty("country").GetString());
        Assert.Equal(-0.001, r3.GetProperty("features").GetProperty("amount").GetDouble());
        Assert.False(r3.GetProperty("features").TryGetProperty("age", out _));
        Assert.Equal(3.25, r3.GetProperty("prediction").GetDouble());
        Assert.Equal(1.0, r3.GetProperty("confidence").GetDouble());
        Assert.Contains("Zürich", lines[3]);

        foreach (var doc in docs)
        {
            doc.Dispose();
        }
    }

    [Fact]
    public void Numbers_round_trip_exactly()
    {
        double[] values = [0.1, 1.0 / 3, 1e-300, 123456789.123456789, -2.5e17, double.Epsilon];
        var records = values.Select((v, i) => new TestRecord(T0, $"n{i}", new Dictionary<string, object?> { ["x"] = v }, v, null, v < 0 ? 0 : v)).ToArray();

        var lines = Format(TestRecord.Batch("m", "v", records));

        for (var i = 0; i < values.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(values[i], doc.RootElement.GetProperty("features").GetProperty("x").GetDouble());
            Assert.Equal(values[i], doc.RootElement.GetProperty("prediction").GetDouble());
        }
    }

    [Fact]
    public void Text_with_a_lone_surrogate_still_makes_a_valid_line()
    {
        var records = new[] { new TestRecord(T0, "s", new Dictionary<string, object?> { ["t"] = "a\ud800b" }, "\udc00", null, 1) };

        var lines = Format(TestRecord.Batch("m", "v", records));

        using var doc = JsonDocument.Parse(lines[0]);
        Assert.StartsWith("a", doc.RootElement.GetProperty("features").GetProperty("t").GetString());
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00.000Z")]
    [InlineData("2026-02-28T23:59:59.999Z")]
    [InlineData("2028-02-29T12:34:56.007Z")]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.999Z")]
    public void Timestamps_are_rfc3339_utc_with_milliseconds(string expected)
    {
        var ms = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        Span<byte> buffer = stackalloc byte[24];

        PredictionLogLineWriter.FormatTimestamp(ms, buffer);

        Assert.Equal(expected, Encoding.ASCII.GetString(buffer));
    }
}

using Monitor.Gateway.Ingest;
using static Monitor.Gateway.Tests.Ingest.IngestTestData;

namespace Monitor.Gateway.Tests.Ingest;

/// <summary>Records refused for NaN or infinite values are counted per version for its data quality.</summary>
public sealed class NonFiniteRefusalTests
{
    [Fact]
    public void Refusals_for_non_finite_values_are_counted_per_version_whether_model_and_version_come_before_or_after()
    {
        var body = "[" + string.Join(",",
            Record(("features", "{\"amount\": 1e999}")),
            Record(("prediction", "-1e400")),
            "{\"features\": {\"amount\": 1e999}, \"model\": \"fraud\", \"version\": \"v2\", \"latency_ms\": 1, \"status\": \"success\"}",
            "{\"features\": {\"amount\": 1e999}, \"latency_ms\": 1, \"status\": \"success\"}",
            Record(("latency_ms", "-1")),
            Record()) + "]";

        var result = Parse(body);

        Assert.Equal(1, result.Accepted);
        Assert.Equal(5, result.Rejected);
        Assert.Equal(
            [new VersionRefusals("fraud", "v1", 2), new VersionRefusals("fraud", "v2", 1)],
            result.NonFiniteRefusals.OrderBy(r => r.Version));
    }

    [Fact]
    public void A_bare_NaN_literal_counts_for_the_version_named_before_it()
    {
        var ndjson = Record(("features", "{\"amount\": NaN}")) + "\n"
            + "{\"features\": {\"amount\": Infinity}, \"model\": \"fraud\", \"version\": \"v3\", \"latency_ms\": 1, \"status\": \"success\"}\n";

        var result = Parse(ndjson, IngestFormat.Ndjson);

        Assert.Equal(2, result.Rejected);
        Assert.Equal([new VersionRefusals("fraud", "v1", 1)], result.NonFiniteRefusals);
    }
}

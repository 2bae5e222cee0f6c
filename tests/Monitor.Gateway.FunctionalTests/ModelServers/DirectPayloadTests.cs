using System.Net.Http.Headers;
using System.Text;

namespace Monitor.Gateway.FunctionalTests.ModelServers;

/// <summary>Open Inference Protocol pairs (POST /v1/ingest/oip) and BentoML monitor lines (POST /v1/ingest/bentoml) through the gateway.</summary>
public sealed class DirectPayloadTests
{
    [Fact]
    public async Task Oip_pairs_as_ndjson_become_records_and_a_broken_pair_is_refused_alone()
    {
        await using var host = new ModelServerHost();
        using var mapping = new StringContent("""{"prediction_output": "label", "confidence_output": "score"}""", Encoding.UTF8, "application/json");
        Assert.True((await host.Client.PutAsync("/v1/models/sentiment/mapping", mapping)).IsSuccessStatusCode);

        var lines = File.ReadAllText(ServedEventFile.PathOf("oip-pairs.ndjson")) + """{"request": {"inputs": []}, "response": {"outputs": []}}""" + "\n";
        using var content = new StringContent(lines, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var (status, answer) = await host.Post("/v1/ingest/oip", content);
        Assert.Equal(202, status);
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(3, answer.GetProperty("records").GetInt32());
        var error = answer.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal(2, error.GetProperty("index").GetInt32());

        var iris = (await host.Records("triton-iris", "3")).OrderBy(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal(["pair-1:0", "pair-1:1"], iris.Select(r => r.GetProperty("id").GetString()!));
        Assert.Equal(1, iris[0].GetProperty("prediction").GetDouble());
        Assert.Equal(0.7, iris[0].GetProperty("confidence").GetDouble(), 6);
        Assert.Equal(2, iris[1].GetProperty("prediction").GetDouble());
        Assert.Equal(4.5, iris[0].GetProperty("latency_ms").GetDouble(), 6);

        var sentiment = (await host.Records("sentiment", "1")).Single();
        Assert.Equal("positive", sentiment.GetProperty("prediction").GetString());
        Assert.Equal(0.93, sentiment.GetProperty("confidence").GetDouble(), 6);
        Assert.Equal("web", sentiment.GetProperty("features").GetProperty("channel").GetString());
        Assert.Equal("the service was great", sentiment.GetProperty("features").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Bentoml_monitor_lines_become_records_and_their_targets_joined_labels()
    {
        await using var host = new ModelServerHost();
        using var content = new StringContent(File.ReadAllText(ServedEventFile.PathOf("bentoml-iris.jsonl")), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var (status, answer) = await host.Post("/v1/ingest/bentoml", content);
        Assert.Equal(202, status);
        Assert.Equal(3, answer.GetProperty("records").GetInt32());
        Assert.Equal(3, answer.GetProperty("labels").GetInt32());

        var records = await host.Records("iris_classifier", "qojf5xauugwqtgxi");
        Assert.Equal(["3551839413425587262:0", "8851120371190862307:0", "8851120371190862307:1"], records.Select(r => r.GetProperty("id").GetString()!).Order());
        Assert.All(records, r => Assert.Equal(4, r.GetProperty("features").EnumerateObject().Count()));

        var outcomes = (await host.SummaryWhen("iris_classifier", "qojf5xauugwqtgxi", s =>
            s.TryGetProperty("outcomes", out var o) && o.GetProperty("labels").GetProperty("joined").GetInt64() == 3)).GetProperty("outcomes");
        Assert.Equal(2.0 / 3, outcomes.GetProperty("classification").GetProperty("accuracy").GetDouble(), 12);

        using var noSchema = new StringContent("""{"x": 1, "request_id": "r"}""" + "\n", Encoding.UTF8, "application/x-ndjson");
        var (refusedStatus, refused) = await host.Post("/v1/ingest/bentoml?model=plain", noSchema);
        Assert.Equal(202, refusedStatus);
        Assert.Equal("columns", refused.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}

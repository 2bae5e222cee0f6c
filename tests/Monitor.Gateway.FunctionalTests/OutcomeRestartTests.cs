using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests;

public sealed class OutcomeRestartTests
{
    [Fact]
    public async Task Labels_join_predictions_made_before_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("monitor-restart-").FullName;
        try
        {
            using (var first = MonitorFactory.With(data))
            using (var http = first.CreateClient())
            {
                var predictions = string.Join(",", Enumerable.Range(0, 50).Select(i =>
                    $$"""{"model": "durable", "version": "v1", "id": "d{{i}}", "prediction": "cat", "confidence": 0.8, "latency_ms": 5, "status": "success"}"""));
                using var response = await http.PostAsync("/v1/predictions", new StringContent($"[{predictions}]", Encoding.UTF8, "application/json"));
                Assert.Equal(50, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
                using var early = await http.PostAsync("/v1/labels", new StringContent("""{"model": "durable", "version": "v1", "id": "d0", "label": "cat"}""", Encoding.UTF8, "application/json"));
                Assert.Equal(1, (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("joins").GetProperty("joined").GetInt64());
            }

            using var second = MonitorFactory.With(data);
            using var client = second.CreateClient();
            var labels = string.Join(",", Enumerable.Range(0, 50).Select(i => $$"""{"model": "durable", "id": "d{{i}}", "label": "{{(i < 40 ? "cat" : "dog")}}"}"""));
            using var answer = await client.PostAsync("/v1/labels", new StringContent($"[{labels}]", Encoding.UTF8, "application/json"));
            var joins = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("joins");

            Assert.Equal(49, joins.GetProperty("joined").GetInt64());
            Assert.Equal(1, joins.GetProperty("duplicate").GetInt64());
            var outcomes = (await client.GetFromJsonAsync<JsonElement>("/v1/models/durable/versions/v1/summary?minutes=60")).GetProperty("outcomes");
            Assert.Equal(0.8, outcomes.GetProperty("classification").GetProperty("accuracy").GetDouble(), 12);
            Assert.Equal(50, outcomes.GetProperty("index").GetProperty("labels_since_start").GetProperty("joined").GetInt64());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>Seeded, realistic telemetry for a few model versions, posted through the HTTP API.</summary>
public static class Traffic
{
    public static readonly (string Model, string Version)[] Versions = [("fraud", "v1"), ("fraud", "v2"), ("churn", "v7")];

    private static readonly string[] Countries = ["DE", "FR", "US", "NL", "IT"];
    private static readonly string[] ErrorTypes = ["Timeout", "ModelError", "InvalidInput"];

    /// <summary>Posts <paramref name="perVersion"/> records for each version in batches; returns the ids sent per version.</summary>
    public static async Task<Dictionary<(string, string), List<string>>> PostAsync(HttpClient client, int perVersion, int seed = 7) =>
        await PostAsync(client, perVersion, [], seed);

    /// <summary>As above, and records each successful prediction's class by id in <paramref name="predicted"/>.</summary>
    public static async Task<Dictionary<(string, string), List<string>>> PostAsync(HttpClient client, int perVersion, Dictionary<string, int> predicted, int seed = 7)
    {
        var random = new Random(seed);
        var ids = Versions.ToDictionary(v => v, _ => new List<string>());
        for (var start = 0; start < perVersion; start += 100)
        {
            var batch = new JsonArray();
            foreach (var (model, version) in Versions)
            {
                // fraud/v2 is the slow, error-prone one, so health colours and sorting differ.
                var slow = version == "v2" ? 3.0 : 1.0;
                var errorRate = version == "v2" ? 0.12 : 0.02;
                for (var i = start; i < Math.Min(perVersion, start + 100); i++)
                {
                    var id = $"{model}-{version}-{i:D5}";
                    ids[(model, version)].Add(id);
                    var failed = random.NextDouble() < errorRate;
                    var prediction = random.Next(2);
                    if (!failed)
                    {
                        predicted[id] = prediction;
                    }

                    batch.Add(new JsonObject
                    {
                        ["model"] = model,
                        ["version"] = version,
                        ["id"] = id,
                        ["features"] = new JsonObject
                        {
                            ["amount"] = Math.Round(Math.Exp(random.NextDouble() * 5), 2),
                            ["age"] = random.Next(18, 90),
                            ["country"] = Countries[random.Next(Countries.Length)],
                        },
                        ["prediction"] = failed ? null : prediction,
                        ["confidence"] = failed ? null : Math.Round(0.5 + (random.NextDouble() / 2), 3),
                        ["latency_ms"] = Math.Round(slow * (5 + (-Math.Log(1 - random.NextDouble()) * 20)), 2),
                        ["status"] = failed ? "error" : "success",
                        ["error"] = failed ? ErrorTypes[random.Next(ErrorTypes.Length)] : null,
                    });
                }
            }

            using var response = await client.PostAsJsonAsync("/v1/predictions", batch);
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
            if ((int)response.StatusCode != 202 || answer!["rejected"]!.GetValue<int>() != 0)
            {
                throw new InvalidOperationException($"traffic was not accepted: {(int)response.StatusCode} {answer}");
            }
        }

        return ids;
    }

    /// <summary>
    /// Gives the version a reference its traffic has drifted from: amounts from a narrower range and mostly
    /// German customers, ages as sent. Set before the traffic (it registers the version), so data quality is
    /// counted against its schema.
    /// </summary>
    public static async Task PutDriftedReferenceAsync(HttpClient client, string model, string version, int rows = 500, int seed = 11)
    {
        var random = new Random(seed);
        var reference = new
        {
            features = new Dictionary<string, object[]>
            {
                ["amount"] = [.. Enumerable.Range(0, rows).Select(_ => (object)Math.Round(Math.Exp(random.NextDouble() * 3), 2))],
                ["age"] = [.. Enumerable.Range(0, rows).Select(_ => (object)random.Next(18, 90))],
                ["country"] = [.. Enumerable.Range(0, rows).Select(i => (object)(i % 10 < 7 ? "DE" : Countries[random.Next(Countries.Length)]))],
            },
            predictions = Enumerable.Range(0, rows).Select(_ => random.Next(2)).ToArray(),
            confidences = Enumerable.Range(0, rows).Select(_ => Math.Round(0.5 + (random.NextDouble() / 2), 3)).ToArray(),
        };
        using var response = await client.PutAsJsonAsync($"/v1/models/{model}/versions/{version}/reference", reference);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"the reference was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// A challenger with no verdict yet: sparse/v1 takes a copy of churn/v7's reference (its features; the outputs are
    /// left out, the default for a copy) and gets fewer records than the minimum sample.
    /// </summary>
    public static async Task PutSparseChallengerAsync(HttpClient client)
    {
        using (var copy = await client.PostAsync("/v1/models/sparse/versions/v1/reference/copy?from=v7&from_model=churn", null))
        {
            copy.EnsureSuccessStatusCode();
        }

        var records = Enumerable.Range(0, 5).Select(i => new Dictionary<string, object>
        {
            ["model"] = "sparse", ["version"] = "v1", ["prediction"] = 1, ["confidence"] = 0.9, ["latency_ms"] = 10.0, ["status"] = "success",
            ["features"] = new Dictionary<string, object> { ["amount"] = 3.5 + i, ["age"] = 40 + i, ["country"] = "DE" },
        }).ToArray();
        using var posted = await client.PostAsJsonAsync("/v1/predictions", records);
        posted.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Labels for a version's successful predictions (right with the given probability) and clicks on a
    /// share of them, through POST /v1/labels and POST /v1/events.
    /// </summary>
    public static async Task PostOutcomesAsync(HttpClient client, string model, string version, IEnumerable<string> ids, Dictionary<string, int> predicted, double accuracy, double clickRate, int seed)
    {
        var random = new Random(seed);
        var labels = new JsonArray();
        var events = new JsonArray();
        foreach (var id in ids.Where(predicted.ContainsKey))
        {
            var right = random.NextDouble() < accuracy;
            labels.Add(new JsonObject { ["model"] = model, ["version"] = version, ["id"] = id, ["label"] = right ? predicted[id] : 1 - predicted[id] });
            if (random.NextDouble() < clickRate)
            {
                events.Add(new JsonObject { ["model"] = model, ["version"] = version, ["id"] = id, ["type"] = "click" });
            }
        }

        foreach (var (path, body) in new[] { ("/v1/labels", labels), ("/v1/events", events) })
        {
            using var response = await client.PostAsJsonAsync(path, body);
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
            if ((int)response.StatusCode != 202 || answer!["rejected"]!.GetValue<int>() != 0)
            {
                throw new InvalidOperationException($"{path} was not accepted: {(int)response.StatusCode} {answer}");
            }
        }
    }

    /// <summary>200 predictions of classes c1..c10 with labels, so every cell of a 10 x 10 matrix can be filled.</summary>
    public static async Task PostTenClassesAsync(HttpClient api, string model, string version)
    {
        var records = new JsonArray();
        var labels = new JsonArray();
        for (var i = 0; i < 200; i++)
        {
            var id = $"{model}-{i}";
            records.Add(new JsonObject
            {
                ["model"] = model, ["version"] = version, ["id"] = id, ["features"] = new JsonObject { ["x"] = i % 7 },
                ["prediction"] = $"c{(i % 10) + 1}", ["confidence"] = 0.8, ["latency_ms"] = 3.0, ["status"] = "success",
            });
            labels.Add(new JsonObject { ["model"] = model, ["version"] = version, ["id"] = id, ["label"] = $"c{((i * 3 / 2) % 10) + 1}" });
        }

        foreach (var (path, body) in new[] { ("/v1/predictions", records), ("/v1/labels", labels) })
        {
            using var response = await api.PostAsJsonAsync(path, body);
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode && !answer.Contains("\"rejected\":1", StringComparison.Ordinal), $"{path}: {(int)response.StatusCode} {answer}");
        }

        // Labels are joined as they arrive; the summary says when all 200 are in.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = await api.GetFromJsonAsync<JsonElement>($"/v1/models/{model}/versions/{version}/summary?minutes=15");
            if (summary.TryGetProperty("outcomes", out var outcomes) && outcomes.GetProperty("labels").GetProperty("joined").GetInt64() >= 200)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"labels joined: {summary}");
            await Task.Delay(100);
        }
    }
}

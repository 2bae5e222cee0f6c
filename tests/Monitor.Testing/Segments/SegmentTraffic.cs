using System.Globalization;
using System.Text;

namespace Monitor.Testing.Segments;

/// <summary>
/// Records of one segment value for the segment tests: an amount drawn around a shift, a country tag, a latency, a
/// status, and with <c>idPrefix</c> an id per record (idPrefix0, idPrefix1, ...) for labels to join.
/// </summary>
public static class SegmentTraffic
{
    public static async Task Post(HttpClient client, string model, string version, string country, int count, Random random,
        double shift = 0, double latencyMs = 5, int failEvery = 0, string? device = null, string? idPrefix = null, double confidence = 0.9)
    {
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var failed = failEvery > 0 && i % failEvery == 0;
            var amount = (Normal(random) + shift).ToString("R", CultureInfo.InvariantCulture);
            body.Append("{\"model\":\"").Append(model).Append("\",\"version\":\"").Append(version).Append('"');
            if (idPrefix is not null)
            {
                body.Append(",\"id\":\"").Append(idPrefix).Append(i.ToString(CultureInfo.InvariantCulture)).Append('"');
            }

            body.Append(",\"prediction\":1,\"confidence\":").Append(confidence.ToString("R", CultureInfo.InvariantCulture))
                .Append(",\"latency_ms\":").Append(latencyMs.ToString("R", CultureInfo.InvariantCulture))
                .Append(",\"status\":\"").Append(failed ? "error\",\"error\":\"Timeout" : "success")
                .Append("\",\"features\":{\"amount\":").Append(amount).Append(",\"country\":\"").Append(country).Append('"');
            if (device is not null)
            {
                body.Append(",\"device\":\"").Append(device).Append('"');
            }

            body.Append("}}\n");
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson");
        using var response = await client.PostAsync("/v1/predictions", content);
        Assert.Equal(202, (int)response.StatusCode);
    }

    /// <summary>A reference of amounts around 0 for the given countries, in turn, with the country column.</summary>
    public static object Reference(Random random, int rows, params string[] countries) => new
    {
        features = new Dictionary<string, object>
        {
            ["amount"] = Enumerable.Range(0, rows).Select(_ => Normal(random)).ToArray(),
            ["country"] = Enumerable.Range(0, rows).Select(i => countries[i % countries.Length]).ToArray(),
        },
    };

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

using System.Globalization;
using System.Text;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Ingest;

namespace Monitor.Benchmarks.WindowMemory;

/// <summary>
/// Batches shaped like the soak's simulator (`monitor simulate`): gamma(2, 15) ms latencies, 2% errors of three
/// types, four standard normal features and a country, a binary prediction with its confidence, and an id of 36
/// characters per record; parsed by the gateway's parser, so the columns are what ingest hands the grain.
/// </summary>
internal sealed class SoakRecords(SteppedClock clock, int seed)
{
    private static readonly string[] Countries = ["DE", "FR", "US", "GB", "ES", "IT", "NL", "PL"];
    private static readonly string[] ErrorTypes = ["Timeout", "Timeout", "Timeout", "ModelError", "InvalidInput"];

    private readonly PredictionParser _parser = new(new IngestLimits { MaxRecordsPerRequest = 100_000 }, clock);
    private readonly Random _random = new(seed);

    /// <summary>One batch of records stamped evenly over the <paramref name="spanMs"/> before now.</summary>
    public PredictionBatch Batch(string model, string version, int records, long spanMs)
    {
        var body = new StringBuilder("[");
        var now = clock.NowMs;
        for (var i = 0; i < records; i++)
        {
            var stamp = DateTimeOffset.FromUnixTimeMilliseconds(now - spanMs + ((i + 1) * spanMs / records));
            body.Append(i == 0 ? "{" : ",{")
                .Append("\"model\":\"").Append(model).Append("\",\"version\":\"").Append(version)
                .Append("\",\"id\":\"req-").Append(Guid.NewGuid().ToString("N"))
                .Append("\",\"timestamp\":\"").Append(stamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
                .Append("\",\"features\":{");
            var score = 0.0;
            for (var f = 0; f < 4; f++)
            {
                var value = Math.Round(Normal(), 6);
                score += value / (f + 1);
                body.Append('"').Append(FeatureNames[f]).Append("\":").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            body.Append("\"country\":\"").Append(Countries[_random.Next(Countries.Length)]).Append("\"},");
            var latency = Math.Round(-15 * (Math.Log(1 - _random.NextDouble()) + Math.Log(1 - _random.NextDouble())), 3)
                .ToString("R", CultureInfo.InvariantCulture);
            if (_random.NextDouble() < 0.02)
            {
                body.Append("\"prediction\":null,\"latency_ms\":").Append(latency)
                    .Append(",\"status\":\"error\",\"error\":\"").Append(ErrorTypes[_random.Next(ErrorTypes.Length)]).Append("\"}");
            }
            else
            {
                var probability = 1 / (1 + Math.Exp(-score));
                var confidence = Math.Round(Math.Max(probability, 1 - probability), 4).ToString("R", CultureInfo.InvariantCulture);
                body.Append("\"prediction\":").Append(probability >= 0.5 ? 1 : 0).Append(",\"confidence\":").Append(confidence)
                    .Append(",\"latency_ms\":").Append(latency).Append(",\"status\":\"success\"}");
            }
        }

        var parsed = _parser.Parse(Encoding.UTF8.GetBytes(body.Append(']').ToString()), IngestFormat.Json);
        return parsed.Batches.Single();
    }

    private static readonly string[] FeatureNames = ["amount", "age", "tenure", "score"];

    private double Normal() =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}

using System.Globalization;
using System.Text;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;

namespace Monitor.Benchmarks;

/// <summary>
/// Batches of one version as the gateway hands them to the grain: JSON records with seeded normal features,
/// parsed by the real parser (so columns, name strings and value kinds are exactly what ingest produces).
/// </summary>
internal static class VersionBatches
{
    public static PredictionBatch[] Parse(int features, int batches, int batchSize, int seed, double shift = 0)
    {
        var parser = new PredictionParser(new IngestLimits { MaxRecordsPerRequest = 100_000 }, TimeProvider.System);
        var random = new Random(seed);
        var result = new PredictionBatch[batches];
        for (var b = 0; b < batches; b++)
        {
            var body = new StringBuilder("[");
            for (var i = 0; i < batchSize; i++)
            {
                body.Append(i == 0 ? "" : ",").Append("{\"model\":\"bench\",\"version\":\"v1\",\"features\":{");
                for (var f = 0; f < features; f++)
                {
                    body.Append(f == 0 ? "" : ",").Append("\"f").Append(f).Append("\":")
                        .Append((Normal(random) + (f == 0 ? shift : 0)).ToString("R", CultureInfo.InvariantCulture));
                }

                body.Append("},\"prediction\":").Append(random.Next(2)).Append(",\"confidence\":0.9,\"latency_ms\":5,\"status\":\"success\"}");
            }

            var parsed = parser.Parse(Encoding.UTF8.GetBytes(body.Append(']').ToString()), IngestFormat.Json);
            result[b] = parsed.Batches.Single();
        }

        return result;
    }

    /// <summary>A reference of standard normal features f0..f(n-1), as an upload would give it.</summary>
    public static ReferenceData Reference(int features, int rows, int seed)
    {
        var random = new Random(seed);
        var columns = new ReferenceColumn[features];
        for (var f = 0; f < features; f++)
        {
            var values = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                values[i] = Normal(random);
            }

            columns[f] = ReferenceColumn.Numeric($"f{f}", values);
        }

        return new ReferenceData { Features = columns, Source = "json" };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

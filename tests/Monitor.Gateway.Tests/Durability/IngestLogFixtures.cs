using Microsoft.Extensions.DependencyInjection;
using Monitor.Gateway.Durability;
using Monitor.Grains.Ingest;
using Orleans.Serialization;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>Batches, the log format with Orleans' serializer, and a temporary log directory.</summary>
internal static class IngestLogFixtures
{
    public static IngestLogFormat Format() => new(new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(PredictionBatch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer<PredictionBatch[]>>());

    public static PredictionBatch Batch(string version, int count, double latency = 12.5) => new()
    {
        Model = "churn",
        Version = version,
        Count = count,
        TimestampsMs = [.. Enumerable.Range(0, count).Select(i => 1_700_000_000_000L + i)],
        LatenciesMs = [.. Enumerable.Range(0, count).Select(i => latency + i)],
        Confidences = [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? 0.5 : double.NaN)],
        Succeeded = [.. Enumerable.Range(0, count).Select(i => i % 3 != 0)],
        ErrorTypes = [.. Enumerable.Range(0, count).Select(i => i % 3 == 0 ? "Timeout" : null)],
        Ids = [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? $"id-{i}" : null)],
        Predictions = new PredictionColumn { Numbers = [.. Enumerable.Range(0, count).Select(i => (double)(i % 2))] },
        Features = [],
    };

    public static string TempDirectory() => Directory.CreateTempSubdirectory("monitor-ingest-log-").FullName;
}

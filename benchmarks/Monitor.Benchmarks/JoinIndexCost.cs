using System.Buffers;
using System.Diagnostics;
using System.Text;
using Monitor.Gateway.Ingest;
using Monitor.Gateway.Outcomes;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Windows;

namespace Monitor.Benchmarks;

/// <summary>
/// <c>join-cost</c>: what a full join index (a million predictions) costs per record, measured as the
/// fastest of several passes so that other work on a shared machine distorts it less than a mean:
/// applying predictions to a version's windows without ids, with ids (indexed), and with their labels joined.
/// </summary>
public static class JoinIndexCost
{
    private const int Batch = 100;
    private const int Batches = 10_000;
    private const int Passes = 7;

    public static int Run()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var options = new OutcomeOptions();
        var window = new VersionWindow(new VersionWindowOptions());
        var outcomes = new VersionOutcomes(window, new OutcomeLedger(options), new PredictionIndex(options.MaxIndexedPredictions, options.Horizon), options);
        var ids = 0L;
        PredictionBatch Next(bool withIds) => Predictions(now, withIds ? ids += Batch : -1);
        var warm = Enumerable.Range(0, options.MaxIndexedPredictions / Batch).Select(_ => Next(true)).ToArray();
        foreach (var b in warm)
        {
            outcomes.IndexPredictions(b);
        }

        var bare = Fastest(() => Enumerable.Range(0, Batches).Select(_ => Next(false)).ToArray(), batches =>
        {
            foreach (var b in batches)
            {
                window.Apply(b, now);
            }
        });
        var indexed = Fastest(() => Enumerable.Range(0, Batches).Select(_ => Next(true)).ToArray(), batches =>
        {
            foreach (var b in batches)
            {
                window.Apply(b, now);
                outcomes.IndexPredictions(b);
            }
        });
        var joined = Fastest(() => Enumerable.Range(0, Batches).Select(_ => Next(true)).ToArray(), batches =>
        {
            foreach (var b in batches)
            {
                window.Apply(b, now);
                outcomes.IndexPredictions(b);
                outcomes.JoinLabels(Labels(b, now), now);
            }
        });

        var parser = new OutcomeParser(new IngestLimits(), TimeProvider.System);
        var body = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"model":"bench","version":"v1","id":"s3-{{i}}","label":{{i % 2}}}""")) + "]"));
        var parse = Fastest(() => [], _ =>
        {
            for (var r = 0; r < 1000; r++)
            {
                parser.ParseLabels(body, IngestFormat.Json);
            }
        });

        var records = (double)Batches * Batch;
        Console.WriteLine($"per prediction, full index of {options.MaxIndexedPredictions:N0} (fastest of {Passes} passes of {records:N0}):");
        Console.WriteLine($"  windows only (no id):        {bare / records * 1e9:0} ns");
        Console.WriteLine($"  windows + join index:        {indexed / records * 1e9:0} ns  (index: {(indexed - bare) / records * 1e9:0} ns)");
        Console.WriteLine($"  windows + index + its label: {joined / records * 1e9:0} ns  (label join, batch building included: {(joined - indexed) / records * 1e9:0} ns)");
        Console.WriteLine($"per label, gateway: parse and validate in requests of 1,000: {parse / 1e6 * 1e9:0} ns");
        return 0;
    }

    private static double Fastest(Func<PredictionBatch[]> prepare, Action<PredictionBatch[]> work)
    {
        var best = double.MaxValue;
        for (var pass = 0; pass < Passes; pass++)
        {
            var batches = prepare();
            var clock = Stopwatch.StartNew();
            work(batches);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        return best;
    }

    private static PredictionBatch Predictions(long now, long lastId) => new()
    {
        Model = "bench",
        Version = "v1",
        Count = Batch,
        TimestampsMs = [.. Enumerable.Repeat(now, Batch)],
        LatenciesMs = [.. Enumerable.Range(0, Batch).Select(i => 5.0 + (i % 50))],
        Confidences = [.. Enumerable.Range(0, Batch).Select(i => 0.5 + (i % 50 / 100.0))],
        Succeeded = [.. Enumerable.Repeat(true, Batch)],
        ErrorTypes = new string?[Batch],
        Predictions = new PredictionColumn { Numbers = [.. Enumerable.Range(0, Batch).Select(i => (double)(i % 2))] },
        Ids = lastId < 0 ? new string?[Batch] : [.. Enumerable.Range(0, Batch).Select(i => $"s{lastId % 16}-{lastId - Batch + i}")],
        Features = [],
    };

    private static LabelBatch Labels(PredictionBatch batch, long now) => new()
    {
        Model = "bench",
        Version = "v1",
        Count = Batch,
        IdHashes = [.. batch.Ids.Select(id => PredictionIdHash.Of(id!))],
        TimestampsMs = [.. Enumerable.Repeat(now, Batch)],
        Kinds = new LabelKind[Batch],
        Numbers = [.. Enumerable.Range(0, Batch).Select(i => (double)(i % 5 == 0 ? 1 - (i % 2) : i % 2))],
    };
}

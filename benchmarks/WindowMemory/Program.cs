using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Benchmarks.WindowMemory;
using Monitor.Grains;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Windows;
using Monitor.Silo.Storage;
using Orleans.Serialization;
using Orleans.Storage;

// A day of a version's traffic on a fake clock, through the real window and data-quality code, then what it holds:
// live managed bytes per version (after full collections, part by part) and its checkpoint's bytes (written per
// record, held per version, in memory or in the real SQLite store), and a check that the checkpoint reads back with
// the same figures.
//
//   dotnet run --project benchmarks/WindowMemory -c Release -- [--versions 20] [--idle 200] [--hours 24] [--rate 5]
//       [--batch 50] [--idle-every-minutes 10] [--checkpointed 2] [--sqlite]
var arguments = Arguments.Parse(args);
var busy = arguments.Int("versions", 20);
var idle = arguments.Int("idle", 0);
var hours = arguments.Double("hours", 24);
var rate = arguments.Double("rate", 5);
var batch = arguments.Int("batch", 50);
var idleEvery = TimeSpan.FromMinutes(arguments.Double("idle-every-minutes", 10));
var checkpointed = Math.Min(busy, arguments.Int("checkpointed", 2));
var sqlite = arguments.Flag("sqlite");
var options = new VersionWindowOptions();

var services = new ServiceCollection()
    .AddSerializer(b => b.AddAssembly(typeof(VersionWindow).Assembly))
    .AddLogging();
var directory = Directory.CreateTempSubdirectory("monitor-window-memory").FullName;
if (sqlite)
{
    services.AddSqliteGrainStorage("bench", o => o.Directory = directory);
}

using var provider = services.BuildServiceProvider();
var serializer = provider.GetRequiredService<Serializer>();
var storage = sqlite ? provider.GetRequiredKeyedService<IGrainStorage>("bench") : null;

var clock = new SteppedClock(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
var baseline = RetainedBytes.Live();
var versions = new List<VersionUnderLoad>();
for (var v = 0; v < busy + idle; v++)
{
    var name = v < busy ? $"busy{v}" : $"idle{v - busy}";
    CountingPageStore? store = null;
    if (v < checkpointed)
    {
        var inner = storage is null ? null : new GrainWindowStore(storage, GrainId.Create("modelversion", $"{VersionUnderLoad.Model}/{name}"));
        store = new CountingPageStore(serializer, inner);
    }

    versions.Add(await VersionUnderLoad.CreateAsync(name, options, new SoakRecords(clock, v + 1), store));
}

var stepMs = (long)Math.Round(batch / rate * 1000);
var idleSteps = Math.Max(1, (long)idleEvery.TotalMilliseconds / stepMs);
var endMs = clock.NowMs + (long)(hours * 3_600_000);
Console.WriteLine($"{busy} busy versions ({rate} records/s, batches of {batch}), {idle} idle (1 record every {idleEvery.TotalMinutes} min), {hours} h; default windows");
Console.WriteLine("hour\tlive MB (with checkpoint rows held in memory)\tKB per version");
var (records, checkpointRecords) = await RunAsync();
var nowMs = clock.NowMs;
await CheckpointReport.PrintAsync(versions.Take(checkpointed).ToList(), options, checkpointRecords, nowMs, sqlite ? Path.Combine(directory, SqliteGrainStorageOptions.DefaultFileName) : null);
versions.ForEach(v => v.DropCheckpoint());

MemoryReport.Print(versions, busy, baseline);
if (storage is IDisposable disposable)
{
    disposable.Dispose();
}

Directory.Delete(directory, recursive: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"records applied: {records:N0}"));

// Apart from the statements above, so no local of the loop keeps a version alive when it is measured.
async Task<(long Records, long CheckpointRecords)> RunAsync()
{
    long records = 0, checkpointRecords = 0;
    var nextReport = clock.NowMs + 3_600_000;
    for (var now = clock.NowMs + stepMs; now <= endMs; now += stepMs)
    {
        clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(now);
        for (var v = 0; v < versions.Count; v++)
        {
            var version = versions[v];
            if (v < busy)
            {
                version.Ingest(batch, stepMs, now);
                records += batch;
                checkpointRecords += v < checkpointed ? batch : 0;
                await version.CheckpointAsync();
            }
            else if ((now / stepMs) % idleSteps == v % idleSteps)
            {
                version.Ingest(1, stepMs, now);
                records++;
                await version.CheckpointAsync();
            }
        }

        if (now >= nextReport || now + stepMs > endMs)
        {
            var live = RetainedBytes.Live() - baseline;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(now - endMs) / 3_600_000.0 + hours:F1}\t{live / 1e6:F1}\t{live / 1024.0 / versions.Count:F1}"));
            nextReport += 3_600_000;
        }
    }
    return (records, checkpointRecords);
}

/// <summary>"--name value" and "--flag" arguments.</summary>
internal sealed class Arguments(Dictionary<string, string?> values)
{
    public static Arguments Parse(string[] args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].TrimStart('-');
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[name] = hasValue ? args[++i] : null;
        }

        return new Arguments(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => values.TryGetValue(name, out var v) && v is not null ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => values.ContainsKey(name);
}

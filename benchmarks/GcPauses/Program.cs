using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text.Json;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// GcPauses PID SECONDS: attaches to a running .NET process over EventPipe for SECONDS and prints one JSON line:
// every stop-the-world pause of the collector (the runtime suspended for a GC, from SuspendEEStart to RestartEEStop; other
// suspensions, such as a sampling profiler's, are only counted), the collections by
// generation and kind, and the bytes allocated (the System.Runtime "alloc-rate" counter, summed).
if (args.Length < 2 || !int.TryParse(args[0], out var pid) || !double.TryParse(args[1], CultureInfo.InvariantCulture, out var seconds))
{
    Console.Error.WriteLine("usage: GcPauses PID SECONDS");
    return 2;
}

var providers = new[]
{
    new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, (long)ClrTraceEventParser.Keywords.GC),
    new EventPipeProvider("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
};
var client = new DiagnosticsClient(pid);
using var session = client.StartEventPipeSession(providers, requestRundown: false);
using var source = new EventPipeEventSource(session.EventStream);

var pauses = new List<double>();
var gcs = new Dictionary<string, int>();
double? suspendedAt = null;
string? pausedFor = null;
var longest = (ms: 0.0, gc: "none");
double allocated = 0;

var otherSuspensions = 0;
source.Clr.GCSuspendEEStart += e =>
{
    // Only the collector's suspensions: a sampling profiler (dotnet-trace) suspends the runtime too.
    if (e.Reason is GCSuspendEEReason.SuspendForGC or GCSuspendEEReason.SuspendForGCPrep)
    {
        suspendedAt = e.TimeStampRelativeMSec;
        pausedFor = null;
    }
    else
    {
        suspendedAt = null;
        otherSuspensions++;
    }
};
source.Clr.GCStart += e =>
{
    var name = $"gen{e.Depth} {e.Type}".Replace("NonConcurrentGC", "blocking").Replace("BackgroundGC", "background").Replace("ForegroundGC", "foreground");
    gcs[name] = gcs.GetValueOrDefault(name) + 1;
    pausedFor ??= $"{name} ({e.Reason})";
};
source.Clr.GCRestartEEStop += e =>
{
    if (suspendedAt is { } start)
    {
        var ms = e.TimeStampRelativeMSec - start;
        pauses.Add(ms);
        if (ms > longest.ms)
        {
            longest = (ms, pausedFor ?? "suspension without a collection");
        }
    }

    suspendedAt = null;
};
source.Dynamic.All += e =>
{
    if (e.EventName == "EventCounters" && e.PayloadValue(0) is IDictionary<string, object> outer
        && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> counter
        && counter.TryGetValue("Name", out var name) && (string)name == "alloc-rate"
        && counter.TryGetValue("Increment", out var increment))
    {
        allocated += Convert.ToDouble(increment, CultureInfo.InvariantCulture);
    }
};

var stopper = Task.Delay(TimeSpan.FromSeconds(seconds)).ContinueWith(_ => session.Stop(), TaskScheduler.Default);
source.Process();
await stopper;

pauses.Sort();
double Quantile(double q) => pauses.Count == 0 ? 0 : pauses[Math.Min(pauses.Count - 1, (int)Math.Ceiling(q * pauses.Count) - 1)];
var report = new Dictionary<string, object>
{
    ["seconds"] = seconds,
    ["pauses"] = pauses.Count,
    ["pause_total_ms"] = Math.Round(pauses.Sum(), 1),
    ["pause_p50_ms"] = Math.Round(Quantile(0.50), 2),
    ["pause_p99_ms"] = Math.Round(Quantile(0.99), 2),
    ["pause_max_ms"] = Math.Round(pauses.Count == 0 ? 0 : pauses[^1], 2),
    ["pauses_over_20ms"] = pauses.Count(p => p > 20),
    ["longest_pause_gc"] = longest.gc,
    ["collections"] = gcs,
    ["other_suspensions"] = otherSuspensions,
    ["allocated_bytes"] = Math.Round(allocated),
};
Console.WriteLine(JsonSerializer.Serialize(report));
return 0;

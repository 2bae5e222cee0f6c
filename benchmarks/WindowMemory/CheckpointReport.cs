using System.Globalization;
using System.Text.Json;
using Monitor.Grains;
using Monitor.Grains.Windows;

namespace Monitor.Benchmarks.WindowMemory;

/// <summary>What the checkpointed versions wrote and hold in storage, and whether their stored windows read back with the same figures.</summary>
internal static class CheckpointReport
{
    public static async Task PrintAsync(List<VersionUnderLoad> versions, VersionWindowOptions options, long records, long nowMs, string? sqliteFile)
    {
        if (versions.Count == 0)
        {
            return;
        }

        var written = versions.Sum(v => v.Store!.BytesWritten);
        var writes = versions.Sum(v => v.Store!.Writes);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"checkpoints of {versions.Count} versions: {writes:N0} row writes, {written / 1e6:F1} MB written, {(double)written / records:F1} bytes written per record"));
        var held = versions.Sum(v => v.Store!.BytesHeld);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"payload held per version: {held / 1024.0 / versions.Count:F1} KB in {versions.Sum(v => v.Store!.Rows) / versions.Count} rows"));
        Console.WriteLine("family\trows\tKB per version");
        foreach (var (family, rows, bytes) in versions[0].Store!.HeldByFamily())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{family}\t{rows}\t{bytes / 1024.0:F1}"));
        }

        if (sqliteFile is not null)
        {
            var wal = new FileInfo(sqliteFile + "-wal");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SQLite file: {new FileInfo(sqliteFile).Length / 1024.0 / versions.Count:F1} KB per version, WAL {(wal.Exists ? wal.Length : 0) / 1024.0:F1} KB"));
        }

        foreach (var version in versions)
        {
            var restored = await version.RestoreAsync(options);
            var same = Figures(version.Window, version.Version, nowMs) == Figures(restored, version.Version, nowMs);
            Console.WriteLine($"{version.Version}: restored from its checkpoint with the same summaries and time series: {(same ? "yes" : "NO")}");
            if (!same)
            {
                Environment.ExitCode = 1;
            }
        }
    }

    // The answers the API serves from a window, as JSON: summaries over 1 h and 24 h, series at both widths.
    private static string Figures(VersionWindow window, string version, long nowMs) => string.Join('\n',
        JsonSerializer.Serialize(window.Summarize(VersionUnderLoad.Model, version, 60, nowMs), MonitorJson.Options),
        JsonSerializer.Serialize(window.Summarize(VersionUnderLoad.Model, version, 1440, nowMs), MonitorJson.Options),
        JsonSerializer.Serialize(window.TimeSeries(VersionUnderLoad.Model, version, 60, 60, nowMs), MonitorJson.Options),
        JsonSerializer.Serialize(window.TimeSeries(VersionUnderLoad.Model, version, 1440, 600, nowMs), MonitorJson.Options));
}

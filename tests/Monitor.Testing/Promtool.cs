using System.Diagnostics;

namespace Monitor.Testing;

/// <summary>Runs <c>promtool check metrics</c> (Debian's prometheus package) on an exposition.</summary>
public static class Promtool
{
    public static string Path { get; } = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("promtool is not installed; scripts/install-dependencies.sh installs it (Debian package prometheus)");

    /// <summary>Exit code and output of the lint.</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetrics(string exposition)
    {
        using var process = Process.Start(new ProcessStartInfo(Path, "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

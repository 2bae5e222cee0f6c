using System.Diagnostics;

namespace Monitor.Client.Tests;

/// <summary>
/// The dependency-free Python client (clients/python) runs its own test suite with python3: against a
/// real gateway process on a loopback port, and against a scripted local server for retries and bounds.
/// </summary>
public sealed class PythonClientTests
{
    [Fact]
    public async Task Python_client_suite_passes_against_a_real_gateway()
    {
        await using var gateway = await GatewayProcess.StartAsync();
        var start = new ProcessStartInfo("python3")
        {
            WorkingDirectory = Path.Combine(GatewayProcess.RepositoryRoot, "clients", "python"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "unittest", "-v", "test_monitor_client" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MONITOR_URL"] = gateway.Address.ToString().TrimEnd('/');
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await python.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            python.Kill(entireProcessTree: true);
            throw;
        }

        // unittest reports to stderr; every test ran (none skipped for want of a gateway) and passed.
        var report = await stderr + await stdout;
        Assert.True(python.ExitCode == 0, report);
        Assert.Contains("test_records_reach_monitor_and_refused_ones_are_reported", report);
        Assert.DoesNotContain("skipped", report);
        Assert.Matches(@"Ran \d+ tests", report);
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace Monitor.Testing.Receivers;

/// <summary>
/// The real Prometheus Alertmanager (Debian's binary) on a free loopback port, with a throwaway config
/// and storage directory and gossip switched off. Killed on dispose, whatever happened.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private AlertmanagerProcess(Process process, string directory, string url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Starts Alertmanager with <paramref name="configFile"/>, or with one route to a receiver that sends nothing.</summary>
    public static async Task<AlertmanagerProcess> StartAsync(string? configFile = null)
    {
        var directory = Directory.CreateTempSubdirectory("monitor-alertmanager-").FullName;
        var config = configFile ?? Path.Combine(directory, "alertmanager.yml");
        if (configFile is null)
        {
            await File.WriteAllTextAsync(config, "route:\n  receiver: blackhole\n  group_wait: 1h\nreceivers:\n  - name: blackhole\n");
        }

        var port = LoopbackReceiver.FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={config}",
            $"--storage.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var alertmanager = new AlertmanagerProcess(process, directory, $"http://127.0.0.1:{port}");
        try
        {
            await alertmanager.WaitReadyAsync();
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }

        return alertmanager;
    }

    /// <summary>Alertmanager's own list of alerts (<c>GET /api/v2/alerts</c>), active and resolved-but-kept alike.</summary>
    public async Task<JsonElement[]> AlertsAsync()
    {
        var json = await _http.GetStringAsync($"{Url}/api/v2/alerts");
        return [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"alertmanager exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await _http.GetAsync($"{Url}/-/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("alertmanager did not become ready");
    }
}

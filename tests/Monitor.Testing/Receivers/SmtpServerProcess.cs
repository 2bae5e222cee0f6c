using System.Diagnostics;
using System.Net.Sockets;

namespace Monitor.Testing.Receivers;

/// <summary>
/// A real SMTP server: Python's aiosmtpd (Debian's python3-aiosmtpd) on a free loopback port, storing
/// every message in a Maildir (<c>aiosmtpd.handlers.Mailbox</c>). Killed on dispose, whatever happened.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly string _directory;

    private SmtpServerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string Maildir => Path.Combine(_directory, "mail");

    public static async Task<SmtpServerProcess> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("monitor-smtp-").FullName;
        var port = LoopbackReceiver.FreePort();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(directory, "mail") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpServerProcess(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Waits for the first message in the Maildir and returns its raw text.</summary>
    public async Task<string> WaitForMessageAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var inbox = Path.Combine(Maildir, "new");
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(inbox) && Directory.GetFiles(inbox).FirstOrDefault() is { } file)
            {
                return await File.ReadAllTextAsync(file);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("no message reached the SMTP server");
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
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Monitor.Testing;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// Debian's nginx as the load balancer in front of the gateways: a generated configuration in a temporary
/// directory, a free loopback port, stopped (with its workers) on dispose. It spreads requests round-robin and
/// sends a request to the next gateway only when the previous one refused the connection: a POST that reached a
/// gateway is never sent again (that gateway may have applied it), as deploy/nginx/nginx.conf does.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<NginxProxy> StartAsync(IEnumerable<Uri> gateways)
    {
        var directory = Directory.CreateTempSubdirectory("monitor-nginx-").FullName;
        var port = FreePort.Next();
        var servers = string.Concat(gateways.Select(g => $"        server {g.Host}:{g.Port} max_fails=1 fail_timeout=10s;\n"));
        var config = $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                upstream gateways {
            {{servers}}        keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 16m;
                    location / {
                        proxy_pass http://gateways;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_next_upstream error timeout;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 60s;
                    }
                }
            }
            """;
        var path = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(path, config);
        var start = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory, "-c", path, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var proxy = new NginxProxy(process, directory, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await proxy.WaitListeningAsync(port);
            return proxy;
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                var errors = await _process.StandardError.ReadToEndAsync();
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"nginx exited with {_process.ExitCode}: {errors}"));
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}

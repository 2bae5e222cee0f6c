using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Gateway.FunctionalTests.Hostile;

/// <summary>
/// A node behind real Kestrel on a free loopback port (TestServer does not model the network), with a
/// grace of a second and a half for the minimum body data rate so a stalled body is cut off quickly, and its logs captured.
/// </summary>
public sealed class KestrelNode : IAsyncLifetime
{
    private readonly MonitorFactory _factory;

    public KestrelNode()
    {
        _factory = MonitorFactory.With(
            settings: new Dictionary<string, string?> { ["Monitor:Gateway:MinRequestBodyGracePeriod"] = "00:00:01.5" },
            services: s => s.AddSingleton<ILoggerProvider>(Logs));
    }

    public CapturedLogs Logs { get; } = new();

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        Address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        Client = new HttpClient { BaseAddress = Address };
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends <paramref name="head"/> and <paramref name="body"/> on a raw connection, then either closes its sending
    /// side or stalls, and reads what comes back until the server closes or finishes its answer; "" when it sends nothing.
    /// </summary>
    public async Task<string> SendRawAsync(string head, byte[] body, bool closeAfterSending)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Address.Port);
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        await socket.SendAsync(body);
        if (closeAfterSending)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answer = new StringBuilder();
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
                if (IsComplete(answer.ToString()))
                {
                    break;
                }
            }
        }
        catch (SocketException)
        {
            // The server reset the connection: what it sent before stays the answer.
        }

        return answer.ToString();
    }

    /// <summary>The error and critical lines logged since <paramref name="from"/> lines.</summary>
    public IReadOnlyList<string> ErrorsSince(int from) =>
        [.. Logs.Lines.Skip(from).Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal))];

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        Directory.Delete(_factory.DataDirectory, recursive: true);
    }

    // An answer is whole at the end of its chunked body, or once a Content-Length's worth has arrived.
    private static bool IsComplete(string answer)
    {
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        var head = answer[..split];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return answer.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }

        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is null || Encoding.UTF8.GetByteCount(answer[(split + 4)..]) >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

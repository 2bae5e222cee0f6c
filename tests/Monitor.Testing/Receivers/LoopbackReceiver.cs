using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Monitor.Testing.Receivers;

/// <summary>One request a <see cref="LoopbackReceiver"/> took.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) that records what it is sent and answers as the test
/// says: a webhook, Slack or PagerDuty endpoint under test control. Stopped on dispose.
/// </summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _arrivedCount;

    public LoopbackReceiver(Func<ReceivedRequest, (int Status, string Body)>? respond = null)
    {
        Respond = respond ?? (_ => (200, "ok"));
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                Url = $"http://127.0.0.1:{port}";
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Base URL, without a trailing slash.</summary>
    public string Url { get; } = "";

    /// <summary>The answer to each request (status and body).</summary>
    public Func<ReceivedRequest, (int Status, string Body)> Respond { get; set; }

    /// <summary>When set, requests are held until the task completes (a slow endpoint).</summary>
    public Task? HoldUntil { get; set; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Requests that have arrived, answered or still held.</summary>
    public int Arrived => Volatile.Read(ref _arrivedCount);

    /// <summary>Waits until a request satisfies <paramref name="predicate"/> (real time: delivery runs off the fake clock's thread).</summary>
    public async Task<ReceivedRequest> WaitForAsync(Func<ReceivedRequest, bool> predicate, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var match = _requests.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no matching request at {Url} within the timeout; received {_requests.Count}: {string.Join(" | ", _requests.Select(r => r.Path + " " + r.Body[..Math.Min(200, r.Body.Length)]))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, body, headers);
            Interlocked.Increment(ref _arrivedCount);
            if (HoldUntil is { } hold)
            {
                await Task.WhenAny(hold, Task.Delay(Timeout.Infinite, _stop.Token));
            }

            var (status, answer) = Respond(request);
            _requests.Enqueue(request);
            _arrived.Release();
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (a timeout under test) or the receiver is stopping.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

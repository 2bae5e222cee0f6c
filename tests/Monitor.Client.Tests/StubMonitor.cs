using System.Net;
using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Client.Tests;

/// <summary>
/// An HTTP handler standing in for Monitor: answers each POST with the next scripted answer (202 for
/// every record once the script is used up) and reports every request it receives.
/// </summary>
public sealed class StubMonitor : HttpMessageHandler
{
    private readonly Queue<Func<int, HttpResponseMessage>> _script = new();
    private readonly Channel<int> _requests = Channel.CreateUnbounded<int>();
    private TaskCompletionSource? _gate;

    public List<int> BatchSizes { get; } = [];

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://monitor.test/") };

    public StubMonitor Then(HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        _script.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent("{\"title\":\"scripted\"}", null, "application/problem+json") };
            if (retryAfter is { } delay)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(delay);
            }

            return response;
        });
        return this;
    }

    /// <summary>Holds every request until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    /// <summary>The size of the next batch the client sends (fails after 10 s of real time).</summary>
    public async Task<int> NextRequestAsync() => await _requests.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        var count = body.RootElement.GetArrayLength();
        lock (BatchSizes)
        {
            BatchSizes.Add(count);
        }

        _requests.Writer.TryWrite(count);
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        Func<int, HttpResponseMessage>? next;
        lock (_script)
        {
            _script.TryDequeue(out next);
        }

        return next?.Invoke(count) ?? new HttpResponseMessage(HttpStatusCode.Accepted)
        {
            Content = new StringContent($"{{\"accepted\":{count},\"rejected\":0,\"errors\":[]}}", null, "application/json"),
        };
    }
}

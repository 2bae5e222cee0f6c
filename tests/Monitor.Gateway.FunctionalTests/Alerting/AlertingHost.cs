using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Monitor.Testing;
using Orleans.TestingHost;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// A Monitor single node for alerting tests: grains on a fake clock the test advances (the silo's own
/// loops on real time), every log line captured, and helpers to call the API.
/// </summary>
public sealed class AlertingHost : IAsyncDisposable
{
    public AlertingHost(string? dataDirectory = null, IDictionary<string, string?>? settings = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? DateTimeOffset.UtcNow);
        var all = new Dictionary<string, string?>
        {
            ["Monitor:Alerting:EvaluationInterval"] = "00:00:15",
            ["Monitor:Alerting:Delivery:Timeout"] = "01:00:00",
            ["Monitor:Alerting:Delivery:InitialBackoff"] = "00:00:01",
            ["Monitor:Alerting:Delivery:MaxAttempts"] = "2",
            ["Monitor:Alerting:ExternalUrl"] = "http://monitor.test",
            // The receivers these tests deliver to listen on loopback.
            ["Monitor:Alerting:AllowedTargetNetworks:0"] = "127.0.0.0/8",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = MonitorFactory.With(dataDirectory, all, services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
        });
        Client = Factory.CreateClient();
    }

    public FakeTimeProvider Time { get; }

    public MonitorFactory Factory { get; }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    public async Task<JsonElement> Send(HttpMethod method, string path, object? body = null, int expect = 200)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expect, $"{method} {path}: expected {expect}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> Get(string path) => Send(HttpMethod.Get, path);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();

        // The grains' clock is this fake one: whatever the silo's graceful stop waits for on it (a timer's last
        // turn, a deactivation's delay) would wait until the host's 30 s shutdown timeout, so it keeps moving.
        await Time.AdvanceUntilAsync(Factory.DisposeAsync().AsTask(), TimeSpan.FromSeconds(1), limit: TimeSpan.FromMinutes(2));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(lines);

        public void Dispose()
        {
        }

        private sealed class Capture(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}

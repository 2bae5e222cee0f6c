using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Monitor.Client;
using Monitor.Testing;

namespace Monitor.Client.Tests;

/// <summary>The C# client's batching, retries, queue bounds and shutdown, against a scripted server and fake time.</summary>
public sealed class MonitorClientTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Sends_full_batches_at_once_and_a_partial_one_after_the_flush_interval()
    {
        var server = new StubMonitor();
        await using var client = new MonitorClient(Options(o => { o.MaxBatchSize = 100; o.FlushInterval = TimeSpan.FromSeconds(2); }), server.Client());
        for (var i = 0; i < 230; i++)
        {
            client.Enqueue(Record(i));
        }

        Assert.Equal(100, await server.NextRequestAsync());
        Assert.Equal(100, await server.NextRequestAsync());

        // The last 30 wait for the interval: fake time has not moved, so no third request yet.
        Assert.Equal(2, server.BatchSizes.Count);
        Assert.Equal(30, await _time.AdvanceUntilAsync(server.NextRequestAsync(), TimeSpan.FromSeconds(2)));
        await client.FlushAsync();
        Assert.Equal(new MonitorClientCounters(230, 230, 0, 0, 0), client.Counters);
    }

    [Fact]
    public async Task Retries_on_503_after_the_servers_retry_after_and_on_429_with_backoff()
    {
        var delays = new List<TimeSpan>();
        var server = new StubMonitor()
            .Then(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(7))
            .Then(HttpStatusCode.TooManyRequests);
        await using var client = new MonitorClient(Options(o => o.OnRetryDelay = delays.Add), server.Client());
        for (var i = 0; i < 10; i++)
        {
            client.Enqueue(Record(i));
        }

        var flushed = client.FlushAsync();
        Assert.Equal(10, await server.NextRequestAsync());
        Assert.Equal(10, await _time.AdvanceUntilAsync(server.NextRequestAsync(), TimeSpan.FromSeconds(7)));
        Assert.Equal(TimeSpan.FromSeconds(7), delays[0]);

        // 429 without Retry-After: the second retry backs off 2 x 100 ms with equal jitter, 100-200 ms.
        Assert.Equal(10, await _time.AdvanceUntilAsync(server.NextRequestAsync(), TimeSpan.FromMilliseconds(200)));
        await flushed;
        Assert.InRange(delays[1], TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200));
        Assert.Equal(new MonitorClientCounters(10, 10, 0, 0, 0), client.Counters);
    }

    [Fact]
    public async Task Gives_up_at_once_on_a_4xx_and_after_max_retries_on_5xx()
    {
        var server = new StubMonitor().Then(HttpStatusCode.BadRequest)
            .Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.InternalServerError);
        await using var client = new MonitorClient(Options(o => { o.MaxRetries = 2; o.MaxBackoff = TimeSpan.FromSeconds(1); }), server.Client());
        client.Enqueue(Record(1));
        var first = client.FlushAsync();
        Assert.Equal(1, await server.NextRequestAsync());
        await first;
        Assert.Equal(1, client.Counters.Failed);

        client.Enqueue(Record(2));
        var second = client.FlushAsync();
        Assert.Equal(1, await server.NextRequestAsync());
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(1, await _time.AdvanceUntilAsync(server.NextRequestAsync(), TimeSpan.FromSeconds(1)));
        }

        await second;
        Assert.Equal(new MonitorClientCounters(2, 0, 0, 2, 0), client.Counters);
        Assert.Equal(4, server.BatchSizes.Count);
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_records_and_enqueue_never_waits()
    {
        var server = new StubMonitor();
        server.Hold();
        var client = new MonitorClient(Options(o => { o.MaxQueueSize = 50; o.MaxBatchSize = 10; }), server.Client());
        client.Enqueue(Record(0));
        _ = client.FlushAsync();
        Assert.Equal(1, await server.NextRequestAsync());

        // The sender is stuck on a request that does not answer; enqueueing still returns at once.
        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= 10_000; i++)
        {
            Assert.True(client.Enqueue(Record(i)));
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"10,000 enqueues took {watch.Elapsed}");
        Assert.Equal(10_000 - 50, client.Counters.Dropped);

        server.Release();
        await client.DisposeAsync();
        var c = client.Counters;
        Assert.Equal(10_001, c.Enqueued);
        Assert.Equal(51, c.Sent);
        Assert.Equal(0, c.Pending);
        Assert.False(client.Enqueue(Record(-1)));
        Assert.Equal(10_000 - 50 + 1, client.Counters.Dropped);
    }

    [Fact]
    public async Task Dispose_sends_what_is_queued_without_waiting_for_the_interval()
    {
        var server = new StubMonitor();
        var client = new MonitorClient(Options(o => o.FlushInterval = TimeSpan.FromHours(1)), server.Client());
        for (var i = 0; i < 42; i++)
        {
            client.Enqueue(Record(i));
        }

        await client.DisposeAsync();
        Assert.Equal([42], server.BatchSizes);
        Assert.Equal(new MonitorClientCounters(42, 42, 0, 0, 0), client.Counters);
    }

    [Fact]
    public async Task Dispose_gives_up_after_the_shutdown_timeout_and_counts_the_rest_as_dropped()
    {
        var server = new StubMonitor();
        server.Hold();
        var client = new MonitorClient(Options(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3)), server.Client());
        for (var i = 0; i < 5; i++)
        {
            client.Enqueue(Record(i));
        }

        var disposing = client.DisposeAsync().AsTask();
        Assert.Equal(5, await server.NextRequestAsync());
        await _time.AdvanceUntilAsync(disposing, TimeSpan.FromSeconds(3), limit: TimeSpan.FromSeconds(10));
        Assert.Equal(new MonitorClientCounters(5, 0, 0, 0, 5), client.Counters);
    }

    [Fact]
    public void Retry_after_is_honoured_as_delta_or_date_and_capped()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var random = new Random(1);
        var max = TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.FromSeconds(3), RetryPolicy.Delay(1, TimeSpan.FromMilliseconds(200), max, new(TimeSpan.FromSeconds(3)), now, random));
        Assert.Equal(TimeSpan.FromSeconds(12), RetryPolicy.Delay(1, TimeSpan.FromMilliseconds(200), max, new(now.AddSeconds(12)), now, random));
        Assert.Equal(max, RetryPolicy.Delay(1, TimeSpan.FromMilliseconds(200), max, new(TimeSpan.FromMinutes(10)), now, random));
        for (var retry = 1; retry <= 10; retry++)
        {
            var full = Math.Min(200 * Math.Pow(2, retry - 1), max.TotalMilliseconds);
            Assert.InRange(RetryPolicy.Delay(retry, TimeSpan.FromMilliseconds(200), max, null, now, random).TotalMilliseconds, full / 2, full);
        }

        Assert.True(RetryPolicy.IsRetryable(HttpStatusCode.TooManyRequests));
        Assert.True(RetryPolicy.IsRetryable(HttpStatusCode.BadGateway));
        Assert.False(RetryPolicy.IsRetryable(HttpStatusCode.BadRequest));
    }

    private MonitorClientOptions Options(Action<MonitorClientOptions>? configure = null)
    {
        var options = new MonitorClientOptions { TimeProvider = _time, InitialBackoff = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        return options;
    }

    private static PredictionRecord Record(int i) =>
        PredictionRecord.Success("fraud", "v1", latencyMs: 10 + (i % 7), prediction: i % 2, confidence: 0.9, features: new Dictionary<string, object?> { ["amount"] = i * 1.5 }, id: $"r{i}");
}

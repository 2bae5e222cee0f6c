using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace Monitor.Client;

/// <summary>
/// Sends prediction telemetry to Monitor from a model server without slowing it down.
/// <see cref="Enqueue"/> is O(1) and never waits: it puts the record in a bounded in-memory queue and
/// returns. One background task sends the queue in batches (when <see cref="MonitorClientOptions.MaxBatchSize"/>
/// records are waiting, or <see cref="MonitorClientOptions.FlushInterval"/> after the first of them),
/// retries a batch with exponential backoff on 429, 5xx, timeouts and connection failures (honouring
/// Retry-After), and on disposal sends what is left within <see cref="MonitorClientOptions.ShutdownTimeout"/>.
/// When the queue is full the oldest record is dropped and counted: fresh telemetry matters more than old.
/// Thread-safe; create one per process and share it.
/// </summary>
public sealed class MonitorClient : IAsyncDisposable, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly MonitorClientOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _base;
    private readonly Channel<QueuedRecord> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    // A plain object, not System.Threading.Lock: the client also targets net8.0.
    private readonly object _waitersLock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private readonly Random _random = new();
    private readonly Task _sender;

    private long _enqueued;
    private long _sent;
    private long _rejected;
    private long _failed;
    private long _dropped;
    private volatile bool _flushNow;
    private int _closed;

    public MonitorClient(Uri endpoint)
        : this(new MonitorClientOptions { Endpoint = endpoint })
    {
    }

    /// <param name="options">Batching, retry and shutdown settings.</param>
    /// <param name="httpClient">An HttpClient to send with (not disposed by this client); one is created when null.</param>
    public MonitorClient(MonitorClientOptions options, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        var endpoint = options.Endpoint ?? httpClient?.BaseAddress
            ?? throw new ArgumentException("set MonitorClientOptions.Endpoint or the HttpClient's BaseAddress", nameof(options));
        _base = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };
        _queue = Channel.CreateBounded<QueuedRecord>(
            new BoundedChannelOptions(options.MaxQueueSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false },
            _ => Interlocked.Increment(ref _dropped));
        _sender = Task.Run(SendLoopAsync);
    }

    public MonitorClientCounters Counters => new(
        Interlocked.Read(ref _enqueued), Interlocked.Read(ref _sent), Interlocked.Read(ref _rejected), Interlocked.Read(ref _failed), Interlocked.Read(ref _dropped));

    /// <summary>
    /// Queues a record for sending and returns at once. False when the client is disposed (the record is
    /// counted as dropped). A full queue drops its oldest record instead of this one.
    /// </summary>
    public bool Enqueue(PredictionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Interlocked.Increment(ref _enqueued);
        if (Volatile.Read(ref _closed) == 0 && _queue.Writer.TryWrite(new QueuedRecord(record, _time.GetUtcNow())))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Sends what is queued now, and completes once every record enqueued before the call is sent, rejected, failed or dropped.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            _waiters.Add((Interlocked.Read(ref _enqueued), done));
        }

        _flushNow = true;
        _wake.Release();
        CompleteWaiters(all: _sender.IsCompleted);
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>GET /v1/models.</summary>
    public Task<ModelList> GetModelsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ModelList>("v1/models", cancellationToken);

    /// <summary>GET /v1/models/{model}/versions/{version}/summary?minutes=.</summary>
    public Task<VersionSummary> GetSummaryAsync(string model, string version, int minutes = 60, CancellationToken cancellationToken = default) =>
        GetAsync<VersionSummary>($"v1/models/{Uri.EscapeDataString(model)}/versions/{Uri.EscapeDataString(version)}/summary?minutes={minutes}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _flushNow = true;
            _wake.Release();
            var timeout = Task.Delay(_options.ShutdownTimeout, _time);
            if (await Task.WhenAny(_sender, timeout).ConfigureAwait(false) != _sender)
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }

            await _sender.ConfigureAwait(false);
            while (_queue.Reader.TryRead(out _))
            {
                Interlocked.Increment(ref _dropped);
            }

            CompleteWaiters(all: true);
            if (_ownsHttp)
            {
                _http.Dispose();
            }
        }

        await _sender.ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<QueuedRecord>(_options.MaxBatchSize);
        try
        {
            while (true)
            {
                if (!reader.TryPeek(out _))
                {
                    _flushNow = false;
                    CompleteWaiters(all: false);
                    if (!await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                await FillAsync(reader, batch).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    await SendAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }

                CompleteWaiters(all: false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Interlocked.Add(ref _dropped, batch.Count);
        }
    }

    /// <summary>Reads until the batch is full, its first record has waited a flush interval, or a flush or shutdown asks for it now.</summary>
    private async Task FillAsync(ChannelReader<QueuedRecord> reader, List<QueuedRecord> batch)
    {
        var deadline = _time.GetUtcNow() + _options.FlushInterval;
        while (batch.Count < _options.MaxBatchSize)
        {
            if (reader.TryRead(out var record))
            {
                batch.Add(record);
                continue;
            }

            var remaining = deadline - _time.GetUtcNow();
            if (_flushNow || Volatile.Read(ref _closed) != 0 || remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var delay = Task.Delay(remaining, _time, wait.Token);
            var more = reader.WaitToReadAsync(wait.Token).AsTask();
            var wake = _wake.WaitAsync(wait.Token);
            var first = await Task.WhenAny(delay, more, wake).ConfigureAwait(false);
            await wait.CancelAsync().ConfigureAwait(false);
            _stop.Token.ThrowIfCancellationRequested();
            if (first == delay || (first == more && !more.Result))
            {
                return;
            }
        }
    }

    private async Task SendAsync(List<QueuedRecord> batch)
    {
        try
        {
            await SendWithRetriesAsync(batch).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutdown ran out of time while this batch was in flight or waiting to retry.
            Interlocked.Add(ref _dropped, batch.Count);
        }
    }

    private async Task SendWithRetriesAsync(List<QueuedRecord> batch)
    {
        var body = RecordJson.Serialize(batch);
        for (var retry = 0; ; retry++)
        {
            HttpStatusCode? status = null;
            RetryConditionHeaderValue? retryAfter = null;
            try
            {
                using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = JsonType;
                using var response = await _http.PostAsync(new Uri(_base, "v1/predictions"), content, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Settle(batch, await ReadAnswerAsync(response, linked.Token).ConfigureAwait(false));
                    return;
                }

                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !_stop.IsCancellationRequested)
            {
                // A timeout, a refused connection or a broken answer: worth another try.
            }

            if (status == HttpStatusCode.RequestEntityTooLarge && batch.Count > 1)
            {
                var half = batch.Count / 2;
                await SendAsync(batch.GetRange(0, half)).ConfigureAwait(false);
                await SendAsync(batch.GetRange(half, batch.Count - half)).ConfigureAwait(false);
                return;
            }

            if ((status is { } s && !RetryPolicy.IsRetryable(s)) || retry >= _options.MaxRetries)
            {
                Interlocked.Add(ref _failed, batch.Count);
                return;
            }

            var delay = RetryPolicy.Delay(retry + 1, _options.InitialBackoff, _options.MaxBackoff, retryAfter, _time.GetUtcNow(), _random);
            _options.OnRetryDelay?.Invoke(delay);
            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>The server's answer; null (everything counted as sent) when a 2xx body cannot be read, since the records were taken.</summary>
    private static async Task<IngestAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<IngestAnswer>(Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Settle(List<QueuedRecord> batch, IngestAnswer? answer)
    {
        var rejected = Math.Clamp(answer?.Rejected ?? 0, 0, batch.Count);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Add(ref _sent, batch.Count - rejected);
        if (_options.OnRejected is { } onRejected && answer is not null)
        {
            foreach (var error in answer.Errors)
            {
                if (error.Index >= 0 && error.Index < batch.Count)
                {
                    onRejected(batch[error.Index].Record, error.Error);
                }
            }
        }
    }

    private void CompleteWaiters(bool all)
    {
        var c = Counters;
        var resolved = c.Sent + c.Rejected + c.Failed + c.Dropped;
        lock (_waitersLock)
        {
            _waiters.RemoveAll(w =>
            {
                if (!all && w.Target > resolved)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }
    }

    private async Task<T> GetAsync<T>(string relative, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_base, relative), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).TryGetProperty("detail", out var d) ? d.GetString() : null
                : null;
            throw new MonitorApiException(response.StatusCode, detail ?? $"Monitor answered {(int)response.StatusCode} to GET /{relative}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false))!;
    }
}

namespace Monitor.Client;

/// <summary>How a <see cref="MonitorClient"/> batches, retries and shuts down.</summary>
public sealed class MonitorClientOptions
{
    /// <summary>The gateway, e.g. http://127.0.0.1:8080 (or the HttpClient's BaseAddress when one is given).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Records held while waiting to be sent; when full, the oldest is dropped (and counted).</summary>
    public int MaxQueueSize { get; set; } = 10_000;

    /// <summary>Most records per request.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Longest a record waits for its batch to fill before it is sent anyway.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries of one batch after a 429, a 5xx, a timeout or a connection failure.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff; it doubles per retry (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap on a backoff, and on a server's Retry-After.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long disposing waits to send what is queued; what is left then is dropped.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Called on the sending thread with each record the server refused and its reason.</summary>
    public Action<PredictionRecord, string>? OnRejected { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Observes each backoff the client chooses (tests check Retry-After is honoured).</summary>
    internal Action<TimeSpan>? OnRetryDelay { get; set; }

    internal void Validate()
    {
        if (MaxQueueSize < 1 || MaxBatchSize < 1 || MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueueSize), "MaxQueueSize and MaxBatchSize must be at least 1 and MaxRetries at least 0");
        }

        if (FlushInterval <= TimeSpan.Zero || InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff || RequestTimeout <= TimeSpan.Zero || ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), "intervals must be positive and MaxBackoff at least InitialBackoff");
        }
    }
}

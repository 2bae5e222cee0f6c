using Microsoft.Extensions.Options;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Joins model-server requests with their responses and hands the records to the ingest path. A request
/// whose response has not come within the join timeout, or that the bounded table pushes out, becomes
/// failed records (error type no_response); a response without its request is counted as an orphan.
/// Timeouts are looked for on every event and on a timer of the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ModelServerIngest : IDisposable
{
    private readonly PendingExchanges _table;
    private readonly ServedRecordSink _sink;
    private readonly ModelServerMetrics _metrics;
    private readonly ILogger<ModelServerIngest> _logger;
    private readonly int _maxNameLength;
    private readonly ITimer _timer;
    private int _backgroundDeliveries;

    public ModelServerIngest(
        IOptions<ModelServerOptions> options, IOptions<IngestLimits> limits, TimeProvider time, ServedRecordSink sink, ModelServerMetrics metrics, ILogger<ModelServerIngest> logger)
    {
        _table = new PendingExchanges(time, options.Value.JoinTimeout, options.Value.MaxPendingExchanges);
        _sink = sink;
        _metrics = metrics;
        _logger = logger;
        _maxNameLength = limits.Value.MaxNameLength;
        var interval = options.Value.SweepInterval;
        _timer = time.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    public TimeSpan JoinTimeout => _table.Timeout;

    /// <summary>Failed records of timed-out requests still being handed to their versions.</summary>
    public int BackgroundDeliveries => Volatile.Read(ref _backgroundDeliveries);

    public Task<ExchangeAnswer> OfferRequest(ServedRequest request) => Offer(request.Source, "request", expired => _table.Offer(request, expired));

    public Task<ExchangeAnswer> OfferResponse(ServedResponse response) => Offer(response.Source, "response", expired => _table.Offer(response, expired));

    /// <summary>A request and its response that came together (an Open Inference Protocol pair, a BentoML line).</summary>
    public async Task<ExchangeAnswer> Deliver(ServedRequest request, ServedResponse response, Func<PredictionBatch, PredictionBatch>? adjust = null)
    {
        var batch = ExchangeRecords.Joined(request, response, Version(request, response));
        batch = adjust?.Invoke(batch) ?? batch;
        var delivery = await _sink.Deliver(batch);
        if (delivery == DeliveryOutcome.Applied)
        {
            _metrics.Exchange(request.Source, response.Predictions.Rows == request.Features.Rows ? "joined" : "mismatched");
        }
        else
        {
            _metrics.Refused(request.Source, delivery == DeliveryOutcome.CapReached ? "version_cap" : "unavailable");
        }

        return new ExchangeAnswer("joined", batch.Count, batch.Model, batch.Version, request.BaseId) { Delivery = delivery };
    }

    /// <summary>Looks for timed-out requests now (the timer does this too).</summary>
    public void Sweep()
    {
        var expired = new List<ExpiredExchange>();
        _table.Sweep(expired);
        DeliverInBackground(expired);
    }

    public void Dispose() => _timer.Dispose();

    private async Task<ExchangeAnswer> Offer(string source, string kind, Func<List<ExpiredExchange>, ExchangeStep> offer)
    {
        var expired = new List<ExpiredExchange>();
        var step = offer(expired);
        DeliverInBackground(expired);
        _metrics.Waiting(_table.Waiting);
        switch (step.Kind)
        {
            case ExchangeStepKind.Waiting:
                return new ExchangeAnswer("waiting", 0);
            case ExchangeStepKind.Duplicate:
                _metrics.Duplicate(source, kind);
                return new ExchangeAnswer("duplicate", 0);
        }

        var answer = await Deliver(step.Request!, step.Response!);
        if (answer.Delivery == DeliveryOutcome.Unavailable)
        {
            // Not applied: the request waits again, so the sender's retry of this half joins it.
            _table.Restore(step.Request!);
        }

        return answer;
    }

    private string Version(ServedRequest request, ServedResponse? response) =>
        VersionResolver.Resolve(request.Mapping, response?.ModelVersion ?? request.ModelVersion, request.Hints, _maxNameLength);

    private void DeliverInBackground(List<ExpiredExchange> expired)
    {
        if (expired.Count == 0)
        {
            return;
        }

        Interlocked.Increment(ref _backgroundDeliveries);
        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var exchange in expired)
                {
                    await DeliverExpired(exchange);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _backgroundDeliveries);
            }
        });
    }

    private async Task DeliverExpired(ExpiredExchange exchange)
    {
        if (exchange.Request is not { } request)
        {
            _metrics.Orphan(exchange.Response!.Source, "response");
            return;
        }

        try
        {
            var batch = ExchangeRecords.Failed(request, Version(request, null), ExchangeRecords.NoResponse, exchange.WaitedMs);
            var delivery = await _sink.Deliver(batch);
            _metrics.Exchange(request.Source, exchange.Evicted ? "evicted" : "timed_out");
            if (delivery != DeliveryOutcome.Applied)
            {
                _metrics.Refused(request.Source, delivery == DeliveryOutcome.CapReached ? "version_cap" : "unavailable", batch.Count);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogExpiredFailed(_logger, ex, request.Model, request.BaseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the unanswered request {Id} of {Model}")]
    private static partial void LogExpiredFailed(ILogger logger, Exception exception, string model, string id);
}

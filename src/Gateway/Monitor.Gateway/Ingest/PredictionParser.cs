using System.Buffers;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Parses and validates a POST /v1/predictions body into columnar batches per model version plus
/// the refused records. Thread-safe and allocation-lean: register one instance as a singleton.
/// </summary>
public sealed class PredictionParser
{
    private readonly TimeProvider _timeProvider;

    public PredictionParser(IngestLimits limits, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Limits = limits;
        _timeProvider = timeProvider;
    }

    public IngestLimits Limits { get; }

    public IngestResult Parse(ReadOnlySpan<byte> body, IngestFormat format)
    {
        var session = ParseSession.Rent(Limits, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            RecordBody.Parse(body, format, session);
            return session.ToResult();
        }
        finally
        {
            ParseSession.Return(session);
        }
    }

    /// <summary>As <see cref="Parse(ReadOnlySpan{byte}, IngestFormat)"/>; a body in several segments is copied into one pooled buffer first.</summary>
    public IngestResult Parse(in ReadOnlySequence<byte> body, IngestFormat format)
    {
        var session = ParseSession.Rent(Limits, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            RecordBody.Parse(body, format, session);
            return session.ToResult();
        }
        finally
        {
            ParseSession.Return(session);
        }
    }
}

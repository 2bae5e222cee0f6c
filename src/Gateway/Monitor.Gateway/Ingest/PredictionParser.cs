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
        // A UTF-8 byte order mark is tolerated (some clients write one); nothing else precedes JSON.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var session = ParseSession.Rent(Limits, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        try
        {
            if (format == IngestFormat.Ndjson)
            {
                NdjsonBodyParser.Parse(body, session);
            }
            else
            {
                JsonBodyParser.Parse(body, session);
            }

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
        if (body.IsSingleSegment)
        {
            return Parse(body.FirstSpan, format);
        }

        var length = checked((int)body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            return Parse(buffer.AsSpan(0, length), format);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;
using Monitor.Gateway.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Parses and validates POST /v1/labels and POST /v1/events bodies into one columnar batch per target
/// (version, or model when the records named none) plus the refused records, with the prediction
/// ingest's formats and limits (<see cref="IngestLimits"/>). Thread-safe: one instance serves all requests.
/// </summary>
public sealed class OutcomeParser(IngestLimits limits, TimeProvider time)
{
    public IngestLimits Limits => limits;

    public OutcomeParseResult<LabelBatch> ParseLabels(in ReadOnlySequence<byte> body, IngestFormat format)
    {
        var session = new LabelSession(limits, time.GetUtcNow().ToUnixTimeMilliseconds());
        RecordBody.Parse(body, format, session);
        return session.ToResult();
    }

    public OutcomeParseResult<EventBatch> ParseEvents(in ReadOnlySequence<byte> body, IngestFormat format)
    {
        var session = new EventSession(limits, time.GetUtcNow().ToUnixTimeMilliseconds());
        RecordBody.Parse(body, format, session);
        return session.ToResult();
    }
}

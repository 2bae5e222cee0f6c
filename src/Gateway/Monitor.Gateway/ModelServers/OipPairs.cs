using System.Text.Json;
using Monitor.Gateway.Ingest;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Open Inference Protocol request/response pairs sent directly, for servers without a payload logger:
/// {"request": {...}, "response": {...}} with optional "latency_ms" and "timestamp" (RFC 3339), one per
/// line in NDJSON. The model is the query's, else the response's or request's model_name.
/// </summary>
public sealed class OipPairs(ServedPayloads payloads, ModelServerIngest ingest, ModelServerMetrics metrics, TimeProvider time)
{
    public const string Source = "oip";

    public async Task<PairAnswer> Handle(ReadOnlyMemory<byte> body, bool ndjson, string? model, IReadOnlyDictionary<string, string> headers)
    {
        var items = JsonLines.Split(body, ndjson);
        var errors = new List<PairProblem>();
        var accepted = 0;
        var records = 0;
        foreach (var (index, json) in items)
        {
            metrics.Event(Source, "pair");
            try
            {
                var answer = await HandleOne(json, model, headers);
                if (answer.Delivery != DeliveryOutcome.Applied)
                {
                    errors.Add(new PairProblem(index, "version", answer.Delivery == DeliveryOutcome.CapReached
                        ? $"Monitor already tracks its maximum number of model versions, so {answer.Model}/{answer.Version} cannot be added"
                        : $"{answer.Model}/{answer.Version} could not be reached; nothing of this pair was kept, send it again"));
                    continue;
                }

                accepted++;
                records += answer.Records;
            }
            catch (PayloadException ex)
            {
                metrics.Refused(Source, "invalid_payload");
                errors.Add(new PairProblem(index, ex.Field, ex.Reason));
            }
        }

        return new PairAnswer(accepted, records, errors.Count, errors);
    }

    private async Task<ExchangeAnswer> HandleOne(ReadOnlyMemory<byte> json, string? model, IReadOnlyDictionary<string, string> headers)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new PayloadException("pair", "is not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("request", out var requestJson) || !root.TryGetProperty("response", out var responseJson))
            {
                throw new PayloadException("pair", "expected {\"request\": {...}, \"response\": {...}}");
            }

            var request = InferencePayloadReader.Read(requestJson, default, response: false, payloads.Limits, "request.");
            var response = InferencePayloadReader.Read(responseJson, default, response: true, payloads.Limits, "response.");
            var name = payloads.ModelName(model, response.ModelName ?? request.ModelName, "model");
            var mapping = await payloads.Mapping(name);
            var (timestamp, latency) = Timing(root);
            var id = request.Id ?? response.Id ?? Guid.NewGuid().ToString("N");
            var hints = new VersionHints(null, null, headers);
            var served = payloads.Request(Source, id, name, id, timestamp, request, mapping, hints);
            var answer = payloads.Response(Source, id, name, timestamp + latency, response, mapping);
            return await ingest.Deliver(served, answer);
        }
    }

    private (double Timestamp, double Latency) Timing(JsonElement root)
    {
        var timestamp = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        if (root.TryGetProperty("timestamp", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(t.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new PayloadException("timestamp", "expected an RFC 3339 time such as \"2026-05-01T12:00:00Z\"");
            }

            timestamp = (parsed - DateTimeOffset.UnixEpoch).TotalMilliseconds;
        }

        double latency = 0;
        if (root.TryGetProperty("latency_ms", out var l) && l.ValueKind != JsonValueKind.Null)
        {
            if (l.ValueKind != JsonValueKind.Number || !(l.GetDouble() is >= 0 and <= 86_400_000))
            {
                throw new PayloadException("latency_ms", "expected a number of milliseconds from 0 to 86400000");
            }

            latency = l.GetDouble();
        }

        return (timestamp, latency);
    }
}

using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Monitor.Grains.Ingest;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// BentoML monitor logs as JSON lines: a schema line {"meta_data": {"bento_name", "bento_version"}, "columns":
/// [{"name", "role", "type"}]} and data lines {column: value, ..., "timestamp", "request_id", "trace_id"}.
/// Columns of role feature are features, prediction the prediction (the mapping picks among several), target
/// the ground truth, joined as labels. Each line is a record with id "{request_id}:{k}" (k counts the
/// request's lines). The monitor logs no latency, so these records have latency 0.
/// </summary>
public sealed class BentoMlLines(ServedPayloads payloads, ModelServerIngest ingest, SeldonFeedback outcomes, ModelServerMetrics metrics, TimeProvider time)
{
    public const string Source = "bentoml";

    private static readonly string[] Reserved = ["timestamp", "request_id", "trace_id"];

    public async Task<PairAnswer> Handle(ReadOnlyMemory<byte> body, string? model, string? version)
    {
        var errors = new List<PairProblem>();
        Schema? schema = null;
        var data = new List<(int Index, ReadOnlyMemory<byte> Json)>();
        foreach (var (index, json) in JsonLines.Split(body, ndjson: true))
        {
            metrics.Event(Source, "line");
            try
            {
                using var document = JsonDocument.Parse(json);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new PayloadException("line", $"expected a JSON object, got {JsonKinds.Name(root.ValueKind)}");
                }

                if (root.TryGetProperty("columns", out var columns) && columns.ValueKind == JsonValueKind.Array)
                {
                    schema = Schema.Read(root, columns);
                    continue;
                }

                data.Add((index, json));
            }
            catch (JsonException)
            {
                errors.Add(new PairProblem(index, "line", "is not valid JSON"));
            }
            catch (PayloadException ex)
            {
                errors.Add(new PairProblem(index, ex.Field, ex.Reason));
            }
        }

        if (data.Count == 0)
        {
            Refuse(errors);
            return new PairAnswer(0, 0, errors.Count, errors);
        }

        try
        {
            var (records, labels) = await Deliver(data, schema, model, version);
            Refuse(errors);
            return new PairAnswer(data.Count, records, errors.Count, errors, labels);
        }
        catch (PayloadException ex)
        {
            errors.AddRange(data.Select(d => new PairProblem(d.Index, ex.Field, ex.Reason)));
            Refuse(errors);
            return new PairAnswer(0, 0, errors.Count, errors);
        }
    }

    private void Refuse(List<PairProblem> errors)
    {
        if (errors.Count > 0)
        {
            metrics.Refused(Source, "invalid_payload", errors.Count);
        }

        errors.Sort(static (a, b) => a.Index.CompareTo(b.Index));
    }

    private async Task<(int Records, int Labels)> Deliver(List<(int Index, ReadOnlyMemory<byte> Json)> data, Schema? schema, string? model, string? version)
    {
        // The data lines as one array of rows: one tensor per column, as a V1 body of objects reads.
        var array = new ArrayBufferWriter<byte>();
        array.Write("["u8);
        for (var i = 0; i < data.Count; i++)
        {
            if (i > 0)
            {
                array.Write(","u8);
            }

            array.Write(data[i].Json.Span.Trim(" \t\r\n"u8));
        }

        array.Write("]"u8);
        using var document = JsonDocument.Parse(array.WrittenMemory);
        var tensors = V1PayloadReader.ReadRows(document.RootElement, "lines", payloads.Limits, "lines");
        var name = payloads.ModelName(model, schema?.BentoName, "model");
        var mapping = await payloads.Mapping(name);
        var features = new List<Tensor>();
        var predictions = new List<Tensor>();
        var targets = new List<Tensor>();
        foreach (var tensor in tensors)
        {
            if (Reserved.Contains(tensor.Name))
            {
                continue;
            }

            var role = schema?.Role(tensor.Name) ?? (tensor.Name == mapping.PredictionOutput ? "prediction" : "feature");
            (role switch { "prediction" => predictions, "target" => targets, "feature" => features, _ => null })?.Add(tensor);
        }

        if (predictions.Count == 0)
        {
            throw new PayloadException("columns", "no column has role prediction: send the monitor's schema line with the data, or name the prediction column in the mapping's prediction_output");
        }

        var rows = data.Count;
        var ids = RowIds(tensors, rows);
        var timestamps = Timestamps(tensors, rows);
        var requestPayload = new InferencePayload { Protocol = PayloadProtocol.Columns, Tensors = features, ModelVersion = version ?? schema?.BentoVersion };
        var responsePayload = new InferencePayload { Protocol = PayloadProtocol.Columns, Tensors = predictions };
        var request = payloads.Request(Source, ids[0], name, "bentoml", null, requestPayload, mapping, VersionHints.None);
        request = request with { Features = request.Features with { Rows = rows } };
        var response = payloads.Response(Source, ids[0], name, null, responsePayload, mapping);
        var answer = await ingest.Deliver(request, response, batch => Retimed(batch, ids, timestamps));
        if (answer.Delivery != DeliveryOutcome.Applied)
        {
            throw new PayloadException("version", answer.Delivery == DeliveryOutcome.CapReached
                ? $"Monitor already tracks its maximum number of model versions, so {answer.Model}/{answer.Version} cannot be added"
                : $"{answer.Model}/{answer.Version} could not be reached; nothing of these lines was kept, send them again");
        }

        var labelCount = 0;
        if (targets.Count > 0)
        {
            var truth = PredictionTable.Build(new InferencePayload { Protocol = PayloadProtocol.Columns, Tensors = targets }, mapping with { PredictionOutput = null });
            if (OutcomeBatches.Labels(name, ids, time.GetUtcNow().ToUnixTimeMilliseconds(), truth) is { } labels)
            {
                await outcomes.Deliver(name, labels, null);
                labelCount = labels.Count;
            }
        }

        return (answer.Records, labelCount);
    }

    private static PredictionBatch Retimed(PredictionBatch batch, string[] ids, long[] timestamps) => new()
    {
        Model = batch.Model,
        Version = batch.Version,
        Count = batch.Count,
        TimestampsMs = timestamps,
        LatenciesMs = batch.LatenciesMs,
        Confidences = batch.Confidences,
        Succeeded = batch.Succeeded,
        ErrorTypes = batch.ErrorTypes,
        Predictions = batch.Predictions,
        Ids = ids,
        Features = batch.Features,
    };

    private static string[] RowIds(IReadOnlyList<Tensor> tensors, int rows)
    {
        var column = tensors.FirstOrDefault(t => t.Name == "request_id" && t.Width == 1);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            var requestId = column?.Kinds[r] switch
            {
                FeatureValueKind.Text => column.Texts![r]!,
                FeatureValueKind.Number => column.Numbers[r].ToString(CultureInfo.InvariantCulture),
                _ => "line",
            };
            var k = seen.GetValueOrDefault(requestId);
            seen[requestId] = k + 1;
            ids[r] = ExchangeRecords.RowId(requestId, k);
        }

        return ids;
    }

    private long[] Timestamps(IReadOnlyList<Tensor> tensors, int rows)
    {
        var now = time.GetUtcNow();
        var column = tensors.FirstOrDefault(t => t.Name == "timestamp" && t.Width == 1);
        var timestamps = new long[rows];
        for (var r = 0; r < rows; r++)
        {
            // BentoML writes datetime.now().isoformat(): local time without an offset, read here as UTC.
            var parsed = column?.Kinds[r] == FeatureValueKind.Text
                && DateTimeOffset.TryParse(column.Texts![r], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                && t <= now.AddMinutes(5) && t >= now.AddHours(-24)
                ? t
                : now;
            timestamps[r] = parsed.ToUnixTimeMilliseconds();
        }

        return timestamps;
    }

    private sealed record Schema(string? BentoName, string? BentoVersion, Dictionary<string, string> Roles)
    {
        public string? Role(string column) => Roles.TryGetValue(column, out var role) ? role : null;

        public static Schema Read(JsonElement root, JsonElement columns)
        {
            string? name = null;
            string? version = null;
            if (root.TryGetProperty("meta_data", out var meta) && meta.ValueKind == JsonValueKind.Object)
            {
                name = V2PayloadReader.OptionalString(meta, "bento_name", "meta_data.");
                version = V2PayloadReader.OptionalString(meta, "bento_version", "meta_data.");
            }

            var roles = new Dictionary<string, string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var column in columns.EnumerateArray())
            {
                var path = $"columns[{i++}]";
                if (column.ValueKind != JsonValueKind.Object)
                {
                    throw new PayloadException(path, "expected {\"name\", \"role\", \"type\"}");
                }

                var columnName = V2PayloadReader.OptionalString(column, "name", path + ".") ?? throw new PayloadException(path + ".name", "required field is missing");
                roles[columnName] = V2PayloadReader.OptionalString(column, "role", path + ".") ?? "feature";
            }

            return new Schema(name, version, roles);
        }
    }
}

using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Monitor.Cli.Simulation;

/// <summary>
/// Schedules labels and business events for the predictions the simulator sent and posts them to
/// /v1/labels and /v1/events once due, in batches. A label is the prediction with the version's
/// accuracy, the other class otherwise; events happen with the version's rates.
/// </summary>
public sealed class OutcomeSender(OutcomePlan plan, Uri gateway, HttpClient http, Random random)
{
    private const int MaxBatch = 1000;

    private readonly Queue<(TimeSpan Due, SentPrediction Prediction, int Label)> _labels = new();
    private readonly Queue<(TimeSpan Due, SentPrediction Prediction, string Type, double Value)> _events = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public long LabelsSent { get; private set; }
    public long LabelsJoined { get; private set; }
    public long EventsSent { get; private set; }
    public long Rejected { get; private set; }
    public long FailedRequests { get; private set; }

    public int Waiting => _labels.Count + _events.Count;

    public void Schedule(SentPrediction prediction, TimeSpan now)
    {
        if (prediction.Predicted is not { } predicted)
        {
            return;
        }

        if (plan.SendLabels && random.NextDouble() < plan.LabelShare)
        {
            var right = random.NextDouble() < plan.Accuracy.For(prediction.Model, prediction.Version);
            _labels.Enqueue((now + plan.LabelDelay, prediction, right ? predicted : 1 - predicted));
        }

        var due = now + plan.EventDelay;
        if (random.NextDouble() < plan.ClickRate.For(prediction.Model, prediction.Version))
        {
            _events.Enqueue((due, prediction, "click", double.NaN));
        }

        if (random.NextDouble() < plan.ConversionRate.For(prediction.Model, prediction.Version))
        {
            _events.Enqueue((due, prediction, "conversion", double.NaN));
        }

        if (random.NextDouble() < plan.RevenueRate.For(prediction.Model, prediction.Version))
        {
            // Gamma(2) amounts with the chosen mean, in cents.
            var amount = -plan.RevenueMean / 2 * (Math.Log(1 - random.NextDouble()) + Math.Log(1 - random.NextDouble()));
            _events.Enqueue((due, prediction, "revenue", Math.Round(amount, 2)));
        }
    }

    /// <summary>Posts what is due by <paramref name="now"/> (everything when flushing at the end).</summary>
    public async Task SendDueAsync(TimeSpan now, bool all, CancellationToken cancellationToken)
    {
        while (_labels.Count > 0 && (all || _labels.Peek().Due <= now))
        {
            var count = 0;
            var body = Write(json =>
            {
                while (count < MaxBatch && _labels.Count > 0 && (all || _labels.Peek().Due <= now))
                {
                    var (_, prediction, label) = _labels.Dequeue();
                    json.WriteStartObject();
                    json.WriteString("model", prediction.Model);
                    if (plan.LabelsNameVersion)
                    {
                        json.WriteString("version", prediction.Version);
                    }

                    json.WriteString("id", prediction.Id);
                    json.WriteNumber("label", label);
                    json.WriteEndObject();
                    count++;
                }
            });
            LabelsSent += count;
            if (await PostAsync("/v1/labels", body, cancellationToken) is { } answer)
            {
                LabelsJoined += answer.GetProperty("joins").GetProperty("joined").GetInt64();
            }
        }

        while (_events.Count > 0 && (all || _events.Peek().Due <= now))
        {
            var count = 0;
            var body = Write(json =>
            {
                while (count < MaxBatch && _events.Count > 0 && (all || _events.Peek().Due <= now))
                {
                    var (_, prediction, type, value) = _events.Dequeue();
                    json.WriteStartObject();
                    json.WriteString("model", prediction.Model);
                    json.WriteString("version", prediction.Version);
                    json.WriteString("id", prediction.Id);
                    json.WriteString("type", type);
                    if (!double.IsNaN(value))
                    {
                        json.WriteNumber("value", value);
                    }

                    json.WriteEndObject();
                    count++;
                }
            });
            EventsSent += count;
            await PostAsync("/v1/events", body, cancellationToken);
        }
    }

    private ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> records)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartArray();
            records(json);
            json.WriteEndArray();
        }

        return _buffer.WrittenMemory;
    }

    private async Task<JsonElement?> PostAsync(string path, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(new Uri(gateway, path), content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                FailedRequests++;
                return null;
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            Rejected += answer.RootElement.GetProperty("rejected").GetInt64();
            return answer.RootElement.Clone();
        }
        catch (HttpRequestException)
        {
            FailedRequests++;
            return null;
        }
    }
}

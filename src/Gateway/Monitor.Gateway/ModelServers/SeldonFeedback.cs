using System.Text.Json;
using Monitor.Grains.Models;
using Monitor.Grains.ModelServers;
using Monitor.Grains.Outcomes;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Seldon feedback ({"request", "response", "reward", "truth"}) as outcomes: each row of truth becomes the
/// label of the prediction with the same row ("{puid}:{row}"), read like a response under the model's
/// mapping; the reward becomes a business event of type "reward" for each row. Both go to the model's grain,
/// which finds the version holding each prediction.
/// </summary>
public sealed class SeldonFeedback(IGrainFactory grains, TimeProvider time)
{
    public const string RewardType = "reward";

    /// <summary>The labels and reward events of one feedback body.</summary>
    public static (LabelBatch? Labels, EventBatch? Rewards) Read(
        string model, string baseId, long timeMs, ReadOnlyMemory<byte> body, ModelMapping mapping, PayloadLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PayloadException("data", "is not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PayloadException("data", $"expected a feedback object with truth and/or reward, got {JsonKinds.Name(root.ValueKind)}");
            }

            if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
                && response.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("puid", out var puid) && puid.ValueKind == JsonValueKind.String && puid.GetString() is { Length: > 0 } id)
            {
                baseId = id;
            }

            LabelBatch? labels = null;
            var rows = 1;
            if (root.TryGetProperty("truth", out var truth) && truth.ValueKind != JsonValueKind.Null)
            {
                var payload = InferencePayloadReader.Read(truth, default, response: true, limits, "data.truth.");
                var values = PredictionTable.Build(payload, mapping);
                rows = values.Rows;
                labels = OutcomeBatches.Labels(model, RowIds(baseId, rows), timeMs, values);
            }

            EventBatch? rewards = null;
            if (root.TryGetProperty("reward", out var reward) && reward.ValueKind != JsonValueKind.Null)
            {
                if (reward.ValueKind != JsonValueKind.Number || !double.IsFinite(reward.GetDouble()))
                {
                    throw new PayloadException("data.reward", $"expected a number, got {JsonKinds.Name(reward.ValueKind)}");
                }

                rewards = OutcomeBatches.Events(model, RowIds(baseId, rows), timeMs, RewardType, reward.GetDouble());
            }

            if (labels is null && rewards is null)
            {
                throw new PayloadException("data.truth", "feedback without a truth value or a reward carries nothing to join");
            }

            return (labels, rewards);
        }
    }

    /// <summary>Hands the outcomes to the model's grain; false when the model has no predictions yet.</summary>
    public async Task<bool> Deliver(string model, LabelBatch? labels, EventBatch? rewards)
    {
        var grain = grains.GetGrain<IModelGrain>(model);
        if ((await grain.GetVersions()).Count == 0)
        {
            return false;
        }

        if (labels is not null)
        {
            await grain.JoinLabels(labels);
        }

        if (rewards is not null)
        {
            await grain.RecordEvents(rewards);
        }

        return true;
    }

    public long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string[] RowIds(string baseId, int rows) => [.. Enumerable.Range(0, rows).Select(r => ExchangeRecords.RowId(baseId, r))];
}

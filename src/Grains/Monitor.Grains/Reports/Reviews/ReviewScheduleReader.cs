using System.Text.Json;
using Monitor.Grains.Alerting;
using FieldProblem = Monitor.Grains.Drift.FieldProblem;

namespace Monitor.Grains.Reports.Reviews;

/// <summary>
/// Reads a review schedule from its JSON body and checks it against the alerting channels and the model's
/// versions, naming every field at fault: {"schedule": "weekly"|"monthly", "channels": ["name"], "version": "v1"}.
/// </summary>
public static class ReviewScheduleReader
{
    public static IReadOnlyList<FieldProblem> Read(JsonElement body, AlertingConfig config, IReadOnlyCollection<string> versions, int maxChannels, out ReviewSchedule? schedule)
    {
        schedule = null;
        var problems = new List<FieldProblem>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("body", "must be a JSON object such as {\"schedule\": \"weekly\", \"channels\": [\"ops-mail\"]}"));
            return problems;
        }

        string? kind = null;
        if (!body.TryGetProperty("schedule", out var s) || s.ValueKind != JsonValueKind.String)
        {
            problems.Add(new("schedule", "required: \"weekly\" or \"monthly\""));
        }
        else if (!ReviewCalendar.IsKnown(kind = s.GetString()!))
        {
            problems.Add(new("schedule", $"must be \"weekly\" or \"monthly\", got '{Shown(kind)}'"));
        }

        var channels = new List<string>();
        if (!body.TryGetProperty("channels", out var c) || c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0)
        {
            problems.Add(new("channels", "required: a non-empty array of alerting channel names (GET /v1/alerts/channels lists them)"));
        }
        else if (c.GetArrayLength() > maxChannels)
        {
            problems.Add(new("channels", $"at most {maxChannels} channels, got {c.GetArrayLength()}"));
        }
        else
        {
            var i = 0;
            foreach (var item in c.EnumerateArray())
            {
                var field = $"channels[{i++}]";
                if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } name)
                {
                    problems.Add(new(field, "must be a channel name"));
                }
                else if (config.Channel(name) is not { } channel)
                {
                    problems.Add(new(field, $"no channel '{Shown(name)}'; create it with POST /v1/alerts/channels"));
                }
                else if (!ReviewSender.CanSend(channel.Kind))
                {
                    problems.Add(new(field, $"channel '{Shown(name)}' is a {channel.Kind.ToString().ToLowerInvariant()} channel; reviews go to email, slack, webhook or log channels"));
                }
                else if (channels.Contains(name))
                {
                    problems.Add(new(field, $"channel '{Shown(name)}' is named twice"));
                }
                else
                {
                    channels.Add(name);
                }
            }
        }

        string? version = null;
        if (body.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            if (v.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(version = v.GetString()))
            {
                problems.Add(new("version", "must be a version name, or left out for every version"));
            }
            else if (!versions.Contains(version))
            {
                problems.Add(new("version", $"the model has no version '{Shown(version)}'"));
            }
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("schedule" or "channels" or "version"))
            {
                problems.Add(new(Shown(property.Name), "unknown field: a review schedule has schedule, channels and version"));
            }
        }

        if (problems.Count == 0)
        {
            schedule = new ReviewSchedule { Schedule = kind!, Channels = [.. channels], Version = version };
        }

        return problems;
    }

    private static string Shown(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

using Monitor.Grains.RuleInputs;

namespace Monitor.Grains.Alerting;

/// <summary>
/// Evaluates a version's rules with Prometheus's state machine: a holding condition makes an alert
/// pending; once it has held for <c>for</c> it fires; when it stops holding a pending alert is dropped
/// (never sent) and a firing one resolves, after <c>keep_firing_for</c> if set. Pure: the grain supplies
/// the rules, the metric sources and the time, sends what <see cref="Evaluate"/> returns and then
/// calls <see cref="Acknowledge"/>.
/// </summary>
public sealed class VersionRuleEvaluator(string model, string version, VersionAlertState state, AlertingOptions options)
{
    public VersionAlertState State => state;

    /// <summary>One evaluation at <paramref name="now"/>. Changed is true when any alert changed phase (persist then).</summary>
    public (List<AlertUpdate> Updates, bool Changed) Evaluate(IReadOnlyList<AlertRule> rules, IReadOnlyList<IVersionMetrics> sources, DateTimeOffset now)
    {
        var changed = false;
        var nowMs = now.ToUnixTimeMilliseconds();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (!rule.Enabled || !rule.AppliesTo(model, version))
            {
                continue;
            }

            foreach (var segment in RuleSegments.Of(rule, sources))
            {
                changed |= EvaluateOne(rule, segment, sources, now, nowMs, seen);
            }
        }

        // Rules removed, switched off or no longer in scope: their alerts end.
        foreach (var record in state.Rules.Values)
        {
            if (!seen.Contains(record.Rule))
            {
                changed |= Stop(record, now);
            }
        }

        foreach (var key in state.Rules.Where(r => r.Value.Phase == RuleAlertPhase.Inactive && !seen.Contains(r.Key)).Select(r => r.Key).ToList())
        {
            state.Rules.Remove(key);
        }

        return (Due(now), changed);
    }

    /// <summary>One rule for the version's whole traffic or for one segment (its record keyed by rule and segment).</summary>
    private bool EvaluateOne(AlertRule rule, string? segment, IReadOnlyList<IVersionMetrics> sources, DateTimeOffset now, long nowMs, HashSet<string> seen)
    {
        var key = RuleSegments.RecordKey(rule.Name, segment);
        seen.Add(key);
        var (value, source) = Measure(rule, segment, sources, nowMs);
        var holds = value.Samples >= rule.MinSamples && rule.Comparator.Holds(value.Value, rule.Threshold);
        var labels = LabelsOf(rule, segment);
        var changed = false;
        if (!state.Rules.TryGetValue(key, out var record))
        {
            record = new RuleAlertRecord { Rule = key, Labels = labels };
            state.Rules[key] = record;
        }
        else if (!record.Labels.Equals(labels) && record.Phase != RuleAlertPhase.Inactive)
        {
            // The rule's labels changed: the old alert ends (its resolution is sent first), and a new
            // identity starts from scratch.
            changed |= Stop(record, now);
            if (record.Phase == RuleAlertPhase.Resolved)
            {
                return changed;
            }
        }

        record.Value = value.Value;
        record.Samples = value.Samples;
        record.EvaluatedAt = now;
        record.Action = rule.Action;
        changed |= Step(rule, record, holds, labels, now, holds && source is not null ? source.Explain(Query(rule, segment)) : []);
        return changed;
    }

    /// <summary>The model's alert grain took these updates: resolved alerts are done, firing ones re-sent later.</summary>
    public void Acknowledge(IEnumerable<AlertUpdate> sent, DateTimeOffset now)
    {
        var byFingerprint = state.Rules.Values.ToDictionary(r => r.Labels.Fingerprint(), StringComparer.Ordinal);
        foreach (var update in sent)
        {
            if (!byFingerprint.TryGetValue(update.Fingerprint, out var record))
            {
                continue;
            }

            record.LastSentAt = now;
            if (update.IsResolved && record.Phase == RuleAlertPhase.Resolved)
            {
                record.Phase = RuleAlertPhase.Inactive;
                record.Unsent = false;
            }
            else if (!update.IsResolved && record.Phase == RuleAlertPhase.Firing)
            {
                record.Unsent = false;
            }
        }
    }

    public RuleState[] Describe() =>
    [
        .. state.Rules.Values.OrderBy(r => r.Rule, StringComparer.Ordinal).Select(r => new RuleState
        {
            Rule = r.Rule,
            State = r.Phase switch
            {
                RuleAlertPhase.Pending => "pending",
                RuleAlertPhase.Firing => "firing",
                _ => "inactive",
            },
            Value = double.IsNaN(r.Value) ? null : r.Value,
            Samples = r.Samples,
            ActiveAt = r.Phase is RuleAlertPhase.Pending or RuleAlertPhase.Firing ? r.ActiveAt : null,
            FiredAt = r.Phase == RuleAlertPhase.Firing ? r.FiredAt : null,
            EvaluatedAt = r.EvaluatedAt,
            Fingerprint = r.Labels.Count == 0 ? null : r.Labels.Fingerprint(),
        }),
    ];

    /// <summary>Fingerprints of firing alerts and of resolved ones whose resolution is not acknowledged yet.</summary>
    public string[] Held() =>
        [.. state.Rules.Values.Where(r => r.Phase is RuleAlertPhase.Firing or RuleAlertPhase.Resolved).Select(r => r.Labels.Fingerprint())];

    public bool HasActiveAlerts => state.Rules.Values.Any(r => r.Phase != RuleAlertPhase.Inactive);

    private bool Step(AlertRule rule, RuleAlertRecord record, bool holds, LabelSet labels, DateTimeOffset now, IReadOnlyList<KeyValuePair<string, string>> explained)
    {
        var changed = false;
        if (holds)
        {
            if (record.Phase is RuleAlertPhase.Inactive or RuleAlertPhase.Resolved)
            {
                record.Phase = RuleAlertPhase.Pending;
                record.Labels = labels;
                record.ActiveAt = now;
                record.FiredAt = null;
                record.ResolvedAt = null;
                record.Unsent = false;
                changed = true;
            }

            record.KeepFiringSince = null;
            record.Annotations = AnnotationTemplate.Render(rule.Annotations, record.Labels, record.Value, rule.Threshold, explained);
        }
        else if (record.Phase == RuleAlertPhase.Pending)
        {
            record.Phase = RuleAlertPhase.Inactive;
            record.ActiveAt = null;
            changed = true;
        }
        else if (record.Phase == RuleAlertPhase.Firing)
        {
            var keep = false;
            if (rule.KeepFiringFor > TimeSpan.Zero)
            {
                record.KeepFiringSince ??= now;
                keep = now - record.KeepFiringSince.Value < rule.KeepFiringFor;
            }

            if (!keep)
            {
                changed |= Stop(record, now);
            }
        }

        if (record.Phase == RuleAlertPhase.Pending && now - record.ActiveAt!.Value >= rule.For)
        {
            record.Phase = RuleAlertPhase.Firing;
            record.FiredAt = now;
            record.Unsent = true;
            changed = true;
        }

        return changed;
    }

    private static bool Stop(RuleAlertRecord record, DateTimeOffset now)
    {
        switch (record.Phase)
        {
            case RuleAlertPhase.Pending:
                record.Phase = RuleAlertPhase.Inactive;
                record.ActiveAt = null;
                return true;
            case RuleAlertPhase.Firing:
                record.Phase = RuleAlertPhase.Resolved;
                record.ResolvedAt = now;
                record.KeepFiringSince = null;
                record.Unsent = true;
                return true;
            default:
                return false;
        }
    }

    private List<AlertUpdate> Due(DateTimeOffset now)
    {
        var updates = new List<AlertUpdate>();
        foreach (var record in state.Rules.Values)
        {
            var due = record.Phase switch
            {
                RuleAlertPhase.Firing => record.Unsent || record.LastSentAt is null || now - record.LastSentAt.Value >= options.ResendInterval,
                RuleAlertPhase.Resolved => true,
                _ => false,
            };
            if (!due)
            {
                continue;
            }

            updates.Add(new AlertUpdate
            {
                Labels = record.Labels,
                Annotations = record.Annotations,
                StartsAt = record.ActiveAt ?? now,
                EndsAt = record.Phase == RuleAlertPhase.Resolved ? record.ResolvedAt ?? now : null,
                ValidUntil = now + options.AlertValidity,
                Value = record.Value,
                Action = record.Action,
                GeneratorUrl = $"{options.ExternalUrl.TrimEnd('/')}/v1/models/{Uri.EscapeDataString(model)}/versions/{Uri.EscapeDataString(version)}/summary",
            });
        }

        return updates;
    }

    private LabelSet LabelsOf(AlertRule rule, string? segment)
    {
        var labels = new List<KeyValuePair<string, string>>(rule.Labels.Count + 5)
        {
            new("alertname", rule.Name),
            new("model", model),
            new("version", version),
            new("severity", rule.Severity.Label()),
        };
        if (rule.Feature is not null)
        {
            labels.Add(new("feature", rule.Feature));
        }

        if (segment is not null)
        {
            labels.Add(new("segment", segment));
        }

        labels.AddRange(rule.Labels.Pairs);
        return LabelSet.From(labels);
    }

    private static VersionMetricQuery Query(AlertRule rule, string? segment) => new(rule.Metric, rule.Feature, TimeSpan.FromMinutes(rule.WindowMinutes), segment);

    /// <summary>The rule's figure and the source that answered it (null when none knows the metric); a segment's only from segment sources.</summary>
    private static (VersionMetricValue Value, IVersionMetrics? Source) Measure(AlertRule rule, string? segment, IReadOnlyList<IVersionMetrics> sources, long nowMs)
    {
        var query = Query(rule, segment);
        foreach (var source in sources)
        {
            if ((segment is null || source is ISegmentMetrics) && source.TryEvaluate(query, nowMs, out var value))
            {
                return (value, source);
            }
        }

        return (new VersionMetricValue(double.NaN, 0), null);
    }
}

namespace Monitor.Grains.Alerting;

/// <summary>Which silences and which inhibiting alerts mute an alert (Alertmanager's silencer and inhibitor).</summary>
public static class AlertMuting
{
    public static string[] SilencedBy(LabelSet labels, SilenceSet silences, DateTimeOffset now)
    {
        List<string>? ids = null;
        foreach (var silence in silences.Silences)
        {
            if (silence.Mutes(labels, now))
            {
                (ids ??= []).Add(silence.Id);
            }
        }

        return ids is null ? [] : [.. ids];
    }

    /// <summary>
    /// The firing alerts that inhibit <paramref name="target"/>: for some inhibit rule, the target matches
    /// its target matchers, the source its source matchers, both have the same values of the rule's
    /// equal labels, and the source is not the target itself.
    /// </summary>
    public static string[] InhibitedBy(string fingerprint, LabelSet target, IEnumerable<(string Fingerprint, LabelSet Labels)> firing, IReadOnlyList<InhibitRule> rules)
    {
        List<string>? sources = null;
        foreach (var rule in rules)
        {
            if (!LabelMatcher.All(rule.TargetMatchers, target))
            {
                continue;
            }

            foreach (var (sourceFingerprint, source) in firing)
            {
                if (sourceFingerprint == fingerprint
                    || !LabelMatcher.All(rule.SourceMatchers, source)
                    || !rule.Equal.All(name => source.ValueOrEmpty(name) == target.ValueOrEmpty(name)))
                {
                    continue;
                }

                sources ??= [];
                if (!sources.Contains(sourceFingerprint))
                {
                    sources.Add(sourceFingerprint);
                }
            }
        }

        return sources is null ? [] : [.. sources];
    }
}

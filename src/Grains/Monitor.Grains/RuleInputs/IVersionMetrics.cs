namespace Monitor.Grains.RuleInputs;

/// <summary>
/// A source of a version's figures by name, over a trailing window: what alert rules compare with
/// their thresholds. Each part of a version (windows, drift, outcomes) contributes its own figures.
/// </summary>
public interface IVersionMetrics
{
    /// <summary>False when this source does not know the metric; otherwise the value and its sample size.</summary>
    bool TryEvaluate(VersionMetricQuery query, long nowMs, out VersionMetricValue value);

    /// <summary>
    /// What stands behind the figure, as annotations for an alert on it (e.g. the features a drift verdict names);
    /// asked of the source that answered, once its rule holds. Also the variables of annotation templates.
    /// </summary>
    IReadOnlyList<KeyValuePair<string, string>> Explain(VersionMetricQuery query) => [];
}

/// <param name="Metric">A name from <see cref="VersionMetricNames"/>.</param>
/// <param name="Feature">The feature, for per-feature metrics; null otherwise.</param>
/// <param name="Window">How far back the figure looks.</param>
/// <param name="Segment">The segment ("country:DE"), for a rule scoped per segment: only <see cref="ISegmentMetrics"/> answer it.</param>
public readonly record struct VersionMetricQuery(string Metric, string? Feature, TimeSpan Window, string? Segment = null);

/// <param name="Value">The figure; NaN when there is nothing to compute it from.</param>
/// <param name="Samples">How many records it rests on (rules hold back below their minimum sample).</param>
public readonly record struct VersionMetricValue(double Value, long Samples);

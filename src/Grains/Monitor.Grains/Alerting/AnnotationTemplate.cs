using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Grains.Alerting;

/// <summary>
/// Fills <c>{{ $value }}</c>, <c>{{ $threshold }}</c>, <c>{{ $labels.NAME }}</c> and what the figure's source explains
/// (<c>{{ $drifted_features }}</c>, <c>{{ $drifted_features_detail }}</c> for drift rules) in annotation text.
/// </summary>
public static partial class AnnotationTemplate
{
    /// <summary>
    /// The rule's annotations rendered, followed by what the figure's source says stands behind it (e.g.
    /// <c>drifted_features</c>) unless the rule sets an annotation of that name; those are also template variables.
    /// </summary>
    public static LabelSet Render(LabelSet annotations, LabelSet labels, double value, double threshold, IReadOnlyList<KeyValuePair<string, string>>? explained = null)
    {
        explained ??= [];
        if (annotations.Count == 0 && explained.Count == 0)
        {
            return annotations;
        }

        var rendered = annotations.Pairs.Select(p => new KeyValuePair<string, string>(p.Key, Render(p.Value, labels, value, threshold, explained))).ToList();
        rendered.AddRange(explained.Where(e => annotations[e.Key] is null));
        return LabelSet.From(rendered);
    }

    public static string Render(string text, LabelSet labels, double value, double threshold, IReadOnlyList<KeyValuePair<string, string>>? explained = null) =>
        !text.Contains("{{", StringComparison.Ordinal) ? text : Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "value" => Format(value),
            "threshold" => Format(threshold),
            var other when other.StartsWith("labels.", StringComparison.Ordinal) => labels.ValueOrEmpty(other["labels.".Length..]),
            var other when explained?.FirstOrDefault(e => e.Key == other) is { Key: not null } found => found.Value,
            _ => m.Value,
        });

    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();
}

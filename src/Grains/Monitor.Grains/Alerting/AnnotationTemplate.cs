using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Grains.Alerting;

/// <summary>Fills <c>{{ $value }}</c>, <c>{{ $threshold }}</c> and <c>{{ $labels.NAME }}</c> in annotation text.</summary>
public static partial class AnnotationTemplate
{
    public static LabelSet Render(LabelSet annotations, LabelSet labels, double value, double threshold)
    {
        if (annotations.Count == 0)
        {
            return annotations;
        }

        return LabelSet.From(annotations.Pairs.Select(p => new KeyValuePair<string, string>(p.Key, Render(p.Value, labels, value, threshold))));
    }

    public static string Render(string text, LabelSet labels, double value, double threshold) =>
        !text.Contains("{{", StringComparison.Ordinal) ? text : Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            "value" => Format(value),
            "threshold" => Format(threshold),
            var other when other.StartsWith("labels.", StringComparison.Ordinal) => labels.ValueOrEmpty(other["labels.".Length..]),
            _ => m.Value,
        });

    public static string Format(double value) =>
        double.IsNaN(value) ? "NaN" : value.ToString("0.####", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\{\s*\$([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();
}

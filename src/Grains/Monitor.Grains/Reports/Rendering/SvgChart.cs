using System.Globalization;
using System.Net;
using System.Text;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>One line or bar series of a chart; null values are gaps.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Values);

/// <summary>
/// Charts drawn as inline SVG on the server, so a report needs no script, font or image from anywhere:
/// line charts over time, grouped bar charts and sparklines. Every text is escaped.
/// </summary>
public static class SvgChart
{
    /// <summary>Distinct colours (colour-blind safe order), the same series keeping the same colour everywhere.</summary>
    public static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 60;
    private const int Right = 12;
    private const int Top = 24;
    private const int Bottom = 36;

    public static string Line(string title, IReadOnlyList<DateTimeOffset> times, IReadOnlyList<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Values).OfType<double>().Where(double.IsFinite).ToList();
        var svg = Open(title);
        if (times.Count == 0 || values.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" class=\"empty\">no data in the period</text></svg>");
            return svg.ToString();
        }

        var (min, max) = Range(values);
        Axes(svg, min, max);
        var plotWidth = Width - Left - Right;
        double X(int i) => Left + (times.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(times.Count - 1));
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - ((v - min) / (max - min)));
        foreach (var s in series)
        {
            var path = new StringBuilder();
            var pen = 'M';
            for (var i = 0; i < s.Values.Count && i < times.Count; i++)
            {
                if (s.Values[i] is not { } v || !double.IsFinite(v))
                {
                    pen = 'M';
                    continue;
                }

                path.Append(CultureInfo.InvariantCulture, $"{pen}{X(i):0.#},{Y(v):0.#} ");
                pen = 'L';
            }

            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"1.6\"><title>{Text(s.Name)}</title></path>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" class=\"tick\">{Text(Time(times[0]))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\" class=\"tick\">{Text(Time(times[^1]))}</text>");
        Legend(svg, series);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Bars per label, one bar per series side by side (e.g. reference against current shares).</summary>
    public static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Values).OfType<double>().Where(double.IsFinite).ToList();
        var svg = Open(title);
        if (labels.Count == 0 || values.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" class=\"empty\">no data</text></svg>");
            return svg.ToString();
        }

        var max = Math.Max(values.Max(), 0) is var m && m > 0 ? m : 1;
        Axes(svg, 0, max);
        var slot = (Width - Left - Right) / (double)labels.Count;
        var bar = slot * 0.8 / Math.Max(1, series.Count);
        var plotHeight = Height - Top - Bottom;
        for (var i = 0; i < labels.Count; i++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                if (i >= series[s].Values.Count || series[s].Values[i] is not { } v || !double.IsFinite(v) || v <= 0)
                {
                    continue;
                }

                var h = plotHeight * v / max;
                var x = Left + (slot * i) + (slot * 0.1) + (bar * s);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.#}\" y=\"{Top + plotHeight - h:0.#}\" width=\"{Math.Max(bar - 1, 0.5):0.#}\" height=\"{h:0.#}\" fill=\"{series[s].Color}\"><title>{Text(labels[i])}: {Text(series[s].Name)} {Number(v)}</title></rect>");
            }

            // Label every bin when there is room, else about ten of them.
            if (labels.Count <= 12 || i % (int)Math.Ceiling(labels.Count / 10.0) == 0)
            {
                var label = labels[i].Length > 14 ? labels[i][..13] + "…" : labels[i];
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (slot * (i + 0.5)):0.#}\" y=\"{Height - 20}\" text-anchor=\"middle\" class=\"tick\">{Text(label)}</text>");
            }
        }

        Legend(svg, series);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A small line without axes, e.g. a feature's p-value over the period.</summary>
    public static string Sparkline(IReadOnlyList<double?> values, string color, double min = 0, double max = 1)
    {
        const int w = 120, h = 24;
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg class=\"spark\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\">");
        var path = new StringBuilder();
        var pen = 'M';
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v || !double.IsFinite(v))
            {
                pen = 'M';
                continue;
            }

            var x = values.Count == 1 ? w / 2.0 : w * i / (double)(values.Count - 1);
            var y = h - 2 - ((h - 4) * (Math.Clamp(v, min, max) - min) / (max - min));
            path.Append(CultureInfo.InvariantCulture, $"{pen}{x:0.#},{y:0.#} ");
            pen = 'L';
        }

        if (path.Length > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\"/>");
        }

        return svg.Append("</svg>").ToString();
    }

    public static string Number(double v) =>
        Math.Abs(v) >= 1000 ? v.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 1 || v == 0 ? v.ToString("0.##", CultureInfo.InvariantCulture)
        : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string title) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Text(title)}\"><title>{Text(title)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"14\" class=\"ctitle\">{Text(title)}</text>");

    private static void Axes(StringBuilder svg, double min, double max)
    {
        var bottom = Height - Bottom;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{bottom}\" class=\"axis\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{bottom}\" x2=\"{Width - Right}\" y2=\"{bottom}\" class=\"axis\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\" class=\"tick\">{Text(Number(max))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{bottom}\" text-anchor=\"end\" class=\"tick\">{Text(Number(min))}</text>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<ChartSeries> series)
    {
        var x = Width - Right;
        for (var i = series.Count - 1; i >= 0; i--)
        {
            var name = series[i].Name.Length > 24 ? series[i].Name[..23] + "…" : series[i].Name;
            x -= 14 + (name.Length * 6);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"6\" width=\"10\" height=\"10\" fill=\"{series[i].Color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 13}\" y=\"15\" class=\"tick\">{Text(name)}</text>");
            x -= 8;
        }
    }

    private static (double Min, double Max) Range(List<double> values)
    {
        var min = Math.Min(0, values.Min());
        var max = values.Max();
        return max > min ? (min, max) : (min, min + 1);
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Text(string text) => WebUtility.HtmlEncode(text);
}

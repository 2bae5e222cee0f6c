using System.Globalization;
using System.Net;
using System.Text;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>An HTML fragment under construction: every text goes through <see cref="Escape"/>, markup only through <see cref="Raw"/>.</summary>
public sealed class HtmlText
{
    private readonly StringBuilder _html = new();

    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Figure(double? value, string format = "0.###") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? share) =>
        share is { } s && double.IsFinite(s) ? (s * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Interpolated text with invariant numbers, whatever the process culture.</summary>
    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public HtmlText Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public HtmlText Element(string tag, string text, string? cssClass = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _html.Append(" class=\"").Append(cssClass).Append('"');
        }

        _html.Append('>').Append(Escape(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlText Section(string id, string title, Action<HtmlText> body)
    {
        _html.Append("<section id=\"").Append(Escape(id)).Append("\"><h3>").Append(Escape(title)).Append("</h3>");
        body(this);
        _html.Append("</section>");
        return this;
    }

    /// <summary>A table of text cells (escaped here); wide tables scroll rather than being cut.</summary>
    public HtmlText Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) => Rows(headers, rows, markup: false);

    /// <summary>A table whose cells are markup the caller has escaped (e.g. a sparkline beside figures).</summary>
    public HtmlText MarkupTable(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) => Rows(headers, rows, markup: true);

    private HtmlText Rows(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool markup)
    {
        _html.Append("<div class=\"scroll\"><table><thead><tr>");
        foreach (var header in headers)
        {
            _html.Append("<th>").Append(Escape(header)).Append("</th>");
        }

        _html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var cell in row)
            {
                _html.Append("<td>").Append(markup ? cell : Escape(cell)).Append("</td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table></div>");
        return this;
    }

    /// <summary>Two columns, name and value.</summary>
    public HtmlText Pairs(IEnumerable<(string Name, string Value)> pairs) =>
        Table(["figure", "value"], pairs.Select(p => (IReadOnlyList<string>)[p.Name, p.Value]));

    public override string ToString() => _html.ToString();
}

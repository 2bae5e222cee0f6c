using System.Globalization;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Reports.Rendering;

/// <summary>A confusion matrix as table rows: true classes down, predicted across, both sorted by name.</summary>
public static class ConfusionTable
{
    public static (IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) Of(ConfusionMatrix matrix)
    {
        var order = Enumerable.Range(0, matrix.Classes.Count).OrderBy(i => matrix.Classes[i], StringComparer.Ordinal).ToList();
        IReadOnlyList<string> headers = ["true \\ predicted", .. order.Select(i => matrix.Classes[i])];
        var rows = order
            .Select(t => (IReadOnlyList<string>)[matrix.Classes[t], .. order.Select(p => matrix.Counts[t][p].ToString("N0", CultureInfo.InvariantCulture))])
            .ToList();
        return (headers, rows);
    }
}

using Monitor.Grains.Drift;
using Monitor.Statistics.Drift;

namespace Monitor.Cli;

/// <summary>The multivariate section of <c>monitor drift</c>: the reference CSV's numeric columns, PCA-fitted, against the current CSV's rows.</summary>
public static class DriftMultivariate
{
    /// <summary>Null when the reference has fewer than two numeric columns. A column the current CSV lacks counts as missing in every row (imputed).</summary>
    public static MultivariateDrift? Evaluate(IReadOnlyList<DriftColumn> reference, IReadOnlyList<DriftColumn> current, int minimumRows)
    {
        var numeric = reference.OfType<NumericDriftColumn>().ToList();
        if (MultivariateDriftCheck.Fit([.. numeric.Select(c => c.Name)], [.. numeric.Select(c => c.Values)], MultivariateDriftSettings.Default) is not { } check)
        {
            return null;
        }

        var rows = current.Count == 0 ? 0 : current.Max(c => c.Length);
        var window = new ReadOnlyMemory<double>[check.Features.Count];
        for (var c = 0; c < window.Length; c++)
        {
            window[c] = current.OfType<NumericDriftColumn>().FirstOrDefault(column => column.Name == check.Features[c]) is { } found
                ? found.Values
                : Enumerable.Repeat(double.NaN, rows).ToArray();
        }

        return check.Evaluate(window, minimumRows);
    }
}

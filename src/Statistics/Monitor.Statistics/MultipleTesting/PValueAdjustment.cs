namespace Monitor.Statistics;

/// <summary>
/// Adjusted p-values for a family of tests, so "adjusted p &lt; alpha" is the corrected decision. Benjamini-Hochberg
/// adjusted values are min over j &gt;= i of (m / j) p_(j) in ascending order, as statsmodels' fdr_bh.
/// </summary>
public static class PValueAdjustment
{
    public static double[] Adjust(ReadOnlySpan<double> pValues, MultipleTestingCorrection correction)
    {
        int m = pValues.Length;
        var adjusted = new double[m];
        switch (correction)
        {
            case MultipleTestingCorrection.None:
                pValues.CopyTo(adjusted);
                break;
            case MultipleTestingCorrection.Bonferroni:
                for (int i = 0; i < m; i++)
                {
                    adjusted[i] = Math.Min(1.0, pValues[i] * m);
                }

                break;
            case MultipleTestingCorrection.BenjaminiHochberg:
                var order = new int[m];
                for (int i = 0; i < m; i++)
                {
                    order[i] = i;
                }

                double[] keys = pValues.ToArray();
                Array.Sort(keys, order);
                double running = 1.0;
                for (int rank = m; rank >= 1; rank--)
                {
                    int index = order[rank - 1];
                    running = Math.Min(running, pValues[index] * m / rank);
                    adjusted[index] = running;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(correction), correction, null);
        }

        return adjusted;
    }
}

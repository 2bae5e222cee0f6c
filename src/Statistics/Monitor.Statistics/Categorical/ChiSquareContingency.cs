using MathNet.Numerics;

namespace Monitor.Statistics;

/// <summary>
/// Pearson's chi-squared test of homogeneity for a 2 x k table of counts (reference row, current row),
/// without Yates' correction, as <c>scipy.stats.chi2_contingency(table, correction=False)</c>.
/// For k = 2 it equals the pooled two-proportion z-test (chi2 = z^2), so one test serves binary features too.
/// </summary>
public static class ChiSquareContingency
{
    /// <summary>Tests two count rows of equal length; columns where both counts are zero are ignored.</summary>
    public static ChiSquareResult TwoRows(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException("Both rows must have one count per category.");
        }

        double referenceTotal = 0, currentTotal = 0;
        int columns = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            if (reference[i] < 0 || current[i] < 0)
            {
                throw new ArgumentException("Counts must be non-negative.");
            }

            referenceTotal += reference[i];
            currentTotal += current[i];
            if (reference[i] + current[i] > 0)
            {
                columns++;
            }
        }

        // scipy refuses a zero row; the rows here are samples, and an empty one has no test.
        if (referenceTotal == 0 || currentTotal == 0)
        {
            throw new ArgumentException("Both rows need at least one count.");
        }

        int dof = columns - 1;
        if (dof <= 0)
        {
            return new ChiSquareResult(0.0, 0, 1.0);
        }

        double total = referenceTotal + currentTotal;
        double statistic = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double column = reference[i] + current[i];
            if (column == 0)
            {
                continue;
            }

            double expectedReference = referenceTotal * column / total;
            double expectedCurrent = currentTotal * column / total;
            double dr = reference[i] - expectedReference;
            double dc = current[i] - expectedCurrent;
            statistic += dr * dr / expectedReference + dc * dc / expectedCurrent;
        }

        return new ChiSquareResult(statistic, dof, Sf(statistic, dof));
    }

    /// <summary>The chi-squared survival function P(X &gt; x) for <paramref name="dof"/> degrees of freedom.</summary>
    public static double Sf(double x, int dof)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        return SpecialFunctions.GammaUpperRegularized(dof / 2.0, x / 2.0);
    }
}

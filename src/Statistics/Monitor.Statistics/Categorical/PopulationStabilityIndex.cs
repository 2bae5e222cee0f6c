namespace Monitor.Statistics;

/// <summary>
/// The population stability index: sum over bins of (current share - reference share) * ln(current share /
/// reference share). A bin empty in either sample would make the logarithm infinite, so an empty share is
/// replaced by <see cref="EmptyBinShare"/> (0.0001, as Evidently does) before the sum; shares are not
/// renormalised afterwards. Common reading: below 0.1 stable, 0.1-0.25 moderate shift, above 0.25 major shift.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>The share used in place of zero for an empty bin.</summary>
    public const double EmptyBinShare = 0.0001;

    /// <summary>PSI from bin counts of the reference and the current sample (same bins, same order).</summary>
    public static double FromCounts(ReadOnlySpan<double> referenceCounts, ReadOnlySpan<double> currentCounts)
    {
        if (referenceCounts.Length != currentCounts.Length)
        {
            throw new ArgumentException("Both samples must be binned the same way.");
        }

        double referenceTotal = 0, currentTotal = 0;
        for (int i = 0; i < referenceCounts.Length; i++)
        {
            referenceTotal += referenceCounts[i];
            currentTotal += currentCounts[i];
        }

        if (referenceTotal <= 0 || currentTotal <= 0)
        {
            throw new ArgumentException("Both samples need at least one value.");
        }

        double psi = 0;
        for (int i = 0; i < referenceCounts.Length; i++)
        {
            double r = referenceCounts[i] / referenceTotal;
            double c = currentCounts[i] / currentTotal;
            if (r == 0)
            {
                r = EmptyBinShare;
            }

            if (c == 0)
            {
                c = EmptyBinShare;
            }

            psi += (c - r) * Math.Log(c / r);
        }

        return psi;
    }
}

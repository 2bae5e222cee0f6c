namespace Monitor.Statistics;

/// <summary>
/// The area between two empirical CDFs for samples whose magnitudes overflow the plain sum (values near ±1e300): the
/// values are scaled by a power of two before any subtraction, so every step and the sum stay finite, and the scale
/// is given back as an exponent. Scaling by a power of two is exact, so the result is what the plain sum would be in
/// exact arithmetic up to rounding (scipy, which works on the CDF differences times the value steps, stays finite too).
/// </summary>
internal static class ScaledCdfArea
{
    /// <summary>Integral of |i n2 - j n1| over the line, in units of 2^<paramref name="exponent"/>; both samples ascending and non-empty.</summary>
    public static double Of(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, out int exponent)
    {
        double largest = Math.Max(Math.Max(Math.Abs(reference[0]), Math.Abs(reference[^1])), Math.Max(Math.Abs(current[0]), Math.Abs(current[^1])));
        exponent = largest > 0 && double.IsFinite(largest) ? Math.ILogB(largest) + 1 : 0;
        int n1 = reference.Length, n2 = current.Length;
        int i = 0, j = 0;
        double area = 0;
        double value = Math.Min(reference[0], current[0]);
        double scaledValue = Math.ScaleB(value, -exponent);
        while (true)
        {
            // Past every value equal to this one in both samples, then one step to the next value.
            while (i < n1 && reference[i] <= value)
            {
                i++;
            }

            while (j < n2 && current[j] <= value)
            {
                j++;
            }

            if (i == n1 && j == n2)
            {
                break;
            }

            double next = i < n1 && (j == n2 || reference[i] <= current[j]) ? reference[i] : current[j];
            double scaledNext = Math.ScaleB(next, -exponent);
            area += Math.Abs(((long)i * n2) - ((long)j * n1)) * (scaledNext - scaledValue);
            value = next;
            scaledValue = scaledNext;
        }

        return area;
    }
}

namespace Monitor.Grains.Outcomes.Estimation;

/// <summary>
/// Maps a raw confidence to the probability that the prediction is right, fitted on labelled rows by
/// isotonic regression (pool-adjacent-violators): the non-decreasing step function closest in squared
/// error to the rows' correctness, read between its points by linear interpolation and held flat past
/// the first and last (as scikit-learn's <c>IsotonicRegression(out_of_bounds="clip")</c>, which NannyML uses).
/// Rows with the same confidence are pooled first, so ties do not depend on row order.
/// </summary>
public sealed class IsotonicCalibrator
{
    private readonly double[] _x;
    private readonly double[] _y;

    private IsotonicCalibrator(double[] x, double[] y)
    {
        _x = x;
        _y = y;
    }

    /// <summary>The distinct confidences the fit has a point at, ascending.</summary>
    public IReadOnlyList<double> Points => _x;

    /// <summary>The fitted probability at each of <see cref="Points"/> (non-decreasing).</summary>
    public IReadOnlyList<double> Fitted => _y;

    /// <summary>Fits on the rows' confidences and whether each was right; null without a row with a finite confidence.</summary>
    public static IsotonicCalibrator? Fit(ReadOnlySpan<double> confidences, ReadOnlySpan<bool> correct)
    {
        if (confidences.Length != correct.Length)
        {
            throw new ArgumentException("one correctness per confidence is needed", nameof(correct));
        }

        var rows = new List<(double X, bool Y)>(confidences.Length);
        for (var i = 0; i < confidences.Length; i++)
        {
            if (double.IsFinite(confidences[i]))
            {
                rows.Add((confidences[i], correct[i]));
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        rows.Sort((a, b) => a.X.CompareTo(b.X));

        // Blocks of pooled rows: their first distinct x, how many rows, how many right.
        var start = new List<int>();
        var xs = new List<double>();
        var weight = new List<double>();
        var mean = new List<double>();
        for (var i = 0; i < rows.Count;)
        {
            var x = rows[i].X;
            long n = 0, right = 0;
            while (i < rows.Count && rows[i].X == x)
            {
                n++;
                right += rows[i].Y ? 1 : 0;
                i++;
            }

            xs.Add(x);
            Push(start, weight, mean, xs.Count - 1, n, (double)right / n);
        }

        var fitted = new double[xs.Count];
        for (var b = 0; b < start.Count; b++)
        {
            var end = b + 1 < start.Count ? start[b + 1] : xs.Count;
            for (var k = start[b]; k < end; k++)
            {
                fitted[k] = mean[b];
            }
        }

        return new IsotonicCalibrator([.. xs], fitted);
    }

    /// <summary>The calibrated probability of a raw confidence.</summary>
    public double Apply(double confidence)
    {
        if (double.IsNaN(confidence))
        {
            return double.NaN;
        }

        if (confidence <= _x[0])
        {
            return _y[0];
        }

        if (confidence >= _x[^1])
        {
            return _y[^1];
        }

        var i = Array.BinarySearch(_x, confidence);
        if (i >= 0)
        {
            return _y[i];
        }

        var upper = ~i;
        var lower = upper - 1;
        var t = (confidence - _x[lower]) / (_x[upper] - _x[lower]);
        return _y[lower] + (t * (_y[upper] - _y[lower]));
    }

    // Adds a block and pools it backwards while it would break the order (the adjacent violators).
    private static void Push(List<int> start, List<double> weight, List<double> mean, int at, double n, double value)
    {
        start.Add(at);
        weight.Add(n);
        mean.Add(value);
        while (mean.Count > 1 && mean[^2] >= mean[^1])
        {
            var w = weight[^2] + weight[^1];
            var m = ((mean[^2] * weight[^2]) + (mean[^1] * weight[^1])) / w;
            start.RemoveAt(start.Count - 1);
            weight.RemoveAt(weight.Count - 1);
            mean.RemoveAt(mean.Count - 1);
            weight[^1] = w;
            mean[^1] = m;
        }
    }
}

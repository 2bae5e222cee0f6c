using MathNet.Numerics.LinearAlgebra;

namespace Monitor.Statistics.Multivariate;

/// <summary>
/// The principal components of standardized rows (row-major, p values a row, means 0): the eigenvectors of their
/// covariance by decreasing eigenvalue (MathNet.Numerics' symmetric eigen-decomposition), which are the components
/// scikit-learn's PCA finds by SVD.
/// </summary>
internal static class PrincipalComponents
{
    /// <summary>Sums of products of rows [from, to) (upper triangle).</summary>
    public static double[,] Moments(double[] z, int p, int from, int to)
    {
        var sums = new double[p, p];
        for (var r = from; r < to; r++)
        {
            var row = z.AsSpan(r * p, p);
            for (var a = 0; a < p; a++)
            {
                var va = row[a];
                for (var b = a; b < p; b++)
                {
                    sums[a, b] += va * row[b];
                }
            }
        }

        return sums;
    }

    /// <summary>The sums of the rows not in <paramref name="part"/>.</summary>
    public static double[,] Without(double[,] whole, double[,] part)
    {
        var p = whole.GetLength(0);
        var rest = new double[p, p];
        for (var a = 0; a < p; a++)
        {
            for (var b = a; b < p; b++)
            {
                rest[a, b] = whole[a, b] - part[a, b];
            }
        }

        return rest;
    }

    /// <summary>
    /// The components kept (k x p, row-major), their number and their share of the variance. As scikit-learn's
    /// n_components=share, the fewest components whose cumulative share exceeds the share are kept; at most p - 1,
    /// so that some variance is always left to measure.
    /// </summary>
    public static (double[] Components, int Count, double Kept) Keep(double[,] sums, int rows, int p, double share)
    {
        var covariance = new double[p, p];
        for (var a = 0; a < p; a++)
        {
            for (var b = a; b < p; b++)
            {
                covariance[a, b] = sums[a, b] / (rows - 1);
                covariance[b, a] = covariance[a, b];
            }
        }

        var evd = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        var order = Enumerable.Range(0, p).OrderByDescending(i => values[i]).ToArray();
        var whole = values.Sum();
        var k = 0;
        var cumulative = 0.0;
        while (k < p && cumulative <= share * whole)
        {
            cumulative += values[order[k]];
            k++;
        }

        k = Math.Clamp(k, 1, p - 1);
        var kept = order.Take(k).Sum(i => values[i]) / whole;
        var components = new double[k * p];
        for (var m = 0; m < k; m++)
        {
            for (var c = 0; c < p; c++)
            {
                components[(m * p) + c] = evd.EigenVectors[c, order[m]];
            }
        }

        return (components, k, kept);
    }
}

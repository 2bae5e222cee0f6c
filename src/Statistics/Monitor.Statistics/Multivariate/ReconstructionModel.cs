using MathNet.Numerics.LinearAlgebra;

namespace Monitor.Statistics.Multivariate;

/// <summary>
/// A PCA of a reference's standardized numeric features, for multivariate drift by reconstruction error (NannyML's
/// data reconstruction drift): a window whose features move together differently from the reference's is
/// reconstructed worse by the reference's main components, even when every feature's own distribution is unchanged.
/// Missing values are imputed with the reference mean (0 once standardized), as NannyML does; rows without any of the
/// features are left out. Fit once per reference; immutable and safe to share between evaluations and threads.
/// </summary>
public sealed class ReconstructionModel
{
    private readonly double[] _means;
    private readonly double[] _scales;

    // k x p, row-major: the kept components (unit eigenvectors of the standardized reference's covariance).
    private readonly double[] _components;

    private ReconstructionModel(
        string[] features, double[] means, double[] scales, double[] components, int componentCount, double varianceKept,
        int rows, int chunkRows, double[] chunkErrors, ReconstructionDriftOptions options)
    {
        Features = features;
        _means = means;
        _scales = scales;
        _components = components;
        ComponentCount = componentCount;
        VarianceKept = varianceKept;
        Rows = rows;
        ChunkRows = chunkRows;
        ChunkErrors = chunkErrors;
        Options = options;
        ChunkMean = chunkErrors.Average();
        var sum = 0.0;
        foreach (var e in chunkErrors)
        {
            sum += (e - ChunkMean) * (e - ChunkMean);
        }

        // Sample standard deviation: with ten chunks the population one would make the bounds too narrow.
        ChunkStandardDeviation = Math.Sqrt(sum / (chunkErrors.Length - 1));
    }

    /// <summary>The features used, in reference order.</summary>
    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<double> Means => _means;

    /// <summary>Population standard deviations of the imputed reference (as scikit-learn's StandardScaler).</summary>
    public IReadOnlyList<double> Scales => _scales;

    public int ComponentCount { get; }

    /// <summary>Share of the standardized reference's variance the kept components explain.</summary>
    public double VarianceKept { get; }

    /// <summary>Reference rows with at least one of the features present.</summary>
    public int Rows { get; }

    /// <summary>Rows per reference chunk (the last rows that do not fill a chunk are in the fit, not in a chunk).</summary>
    public int ChunkRows { get; }

    /// <summary>Mean reconstruction error of each reference chunk, in reference order.</summary>
    public IReadOnlyList<double> ChunkErrors { get; }

    public double ChunkMean { get; }

    public double ChunkStandardDeviation { get; }

    public ReconstructionDriftOptions Options { get; }

    /// <summary>
    /// Fits the PCA on the numeric reference columns (NaN: missing), aligned by row. Columns with fewer than two
    /// present values or no spread are left out. Null, with the reason, when fewer than two columns remain or the
    /// reference has too few rows for its chunks.
    /// </summary>
    public static ReconstructionModel? Fit(
        IReadOnlyList<string> names, IReadOnlyList<ReadOnlyMemory<double>> columns, ReconstructionDriftOptions options, out string? reason)
    {
        var used = new List<int>();
        var means = new List<double>();
        var squares = new List<double>();
        for (var j = 0; j < columns.Count && used.Count < options.MaxFeatures; j++)
        {
            var values = columns[j].Span;
            long present = 0;
            var sum = 0.0;
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    present++;
                    sum += v;
                }
            }

            if (present < 2)
            {
                continue;
            }

            var mean = sum / present;
            var square = 0.0;
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    square += (v - mean) * (v - mean);
                }
            }

            if (square > 0 && double.IsFinite(square))
            {
                used.Add(j);
                means.Add(mean);
                squares.Add(square);
            }
        }

        var p = used.Count;
        if (p < 2)
        {
            reason = $"needs at least two numeric features with spread in the reference, it has {p}";
            return null;
        }

        var length = used.Max(j => columns[j].Length);
        var rows = new List<int>(length);
        for (var i = 0; i < length; i++)
        {
            foreach (var j in used)
            {
                if (i < columns[j].Length && !double.IsNaN(columns[j].Span[i]))
                {
                    rows.Add(i);
                    break;
                }
            }
        }

        var n = rows.Count;
        var chunkRows = n / options.ReferenceChunks;
        if (chunkRows < options.MinimumChunkRows)
        {
            reason = $"needs at least {options.ReferenceChunks * options.MinimumChunkRows} reference rows with numeric features ({options.ReferenceChunks} chunks of {options.MinimumChunkRows}), it has {n}";
            return null;
        }

        var meanArray = means.ToArray();
        var scales = squares.Select(s => Math.Sqrt(s / n)).ToArray();
        var z = new double[n * p];
        for (var r = 0; r < n; r++)
        {
            for (var c = 0; c < p; c++)
            {
                var column = columns[used[c]];
                var v = rows[r] < column.Length ? column.Span[rows[r]] : double.NaN;
                z[(r * p) + c] = double.IsNaN(v) ? 0 : (v - meanArray[c]) / scales[c];
            }
        }

        var (components, k, kept) = Components(z, n, p, options.VarianceToKeep);
        var names2 = used.Select(j => names[j]).ToArray();
        var chunkErrors = new double[options.ReferenceChunks];
        var scratch = new double[k];
        for (var chunk = 0; chunk < chunkErrors.Length; chunk++)
        {
            var total = 0.0;
            for (var r = chunk * chunkRows; r < (chunk + 1) * chunkRows; r++)
            {
                total += RowError(z.AsSpan(r * p, p), components, k, scratch);
            }

            chunkErrors[chunk] = total / chunkRows;
        }

        reason = null;
        return new ReconstructionModel(names2, meanArray, scales, components, k, kept, n, chunkRows, chunkErrors, options);
    }

    /// <summary>
    /// The window's error and verdict. <paramref name="columns"/> are the window's values of <see cref="Features"/>, in
    /// that order and aligned by row (NaN: missing); fewer than <paramref name="minimumRows"/> usable rows give no verdict.
    /// </summary>
    public ReconstructionDriftResult Evaluate(IReadOnlyList<ReadOnlyMemory<double>> columns, int minimumRows)
    {
        var (error, rows) = Error(columns);
        if (rows == 0)
        {
            return new ReconstructionDriftResult(double.NaN, 0, double.NaN, double.NaN, null);
        }

        var (lower, upper) = Bounds(rows);
        bool? drifted = rows < minimumRows ? null : error < lower || error > upper;
        return new ReconstructionDriftResult(error, rows, lower, upper, drifted);
    }

    /// <summary>The threshold for a window of <paramref name="rows"/> rows: the chunks' mean ± the multipliers' deviations, scaled to that size.</summary>
    public (double Lower, double Upper) Bounds(int rows)
    {
        var spread = ChunkStandardDeviation * Math.Sqrt((double)ChunkRows / rows);
        return (ChunkMean - (Options.LowerStandardDeviations * spread), ChunkMean + (Options.UpperStandardDeviations * spread));
    }

    /// <summary>Mean reconstruction error over the rows with at least one feature present, and their number.</summary>
    public (double Error, int Rows) Error(IReadOnlyList<ReadOnlyMemory<double>> columns)
    {
        if (columns.Count != Features.Count)
        {
            throw new ArgumentException($"Expected {Features.Count} columns, got {columns.Count}.", nameof(columns));
        }

        var p = Features.Count;
        var length = 0;
        foreach (var column in columns)
        {
            length = Math.Max(length, column.Length);
        }

        Span<double> z = p <= 256 ? stackalloc double[p] : new double[p];
        var scratch = new double[ComponentCount];
        var spans = new ReadOnlyMemory<double>[p];
        for (var c = 0; c < p; c++)
        {
            spans[c] = columns[c];
        }

        var total = 0.0;
        var rows = 0;
        for (var i = 0; i < length; i++)
        {
            var any = false;
            for (var c = 0; c < p; c++)
            {
                var values = spans[c].Span;
                var v = i < values.Length ? values[i] : double.NaN;
                if (double.IsNaN(v))
                {
                    z[c] = 0;
                }
                else
                {
                    z[c] = (v - _means[c]) / _scales[c];
                    any = true;
                }
            }

            if (any)
            {
                total += RowError(z, _components, ComponentCount, scratch);
                rows++;
            }
        }

        return (rows == 0 ? double.NaN : total / rows, rows);
    }

    // Distance between a standardized row and its projection on the kept components.
    private static double RowError(ReadOnlySpan<double> z, double[] components, int k, double[] scores)
    {
        var p = z.Length;
        for (var m = 0; m < k; m++)
        {
            var axis = components.AsSpan(m * p, p);
            var s = 0.0;
            for (var c = 0; c < p; c++)
            {
                s += axis[c] * z[c];
            }

            scores[m] = s;
        }

        var sum = 0.0;
        for (var c = 0; c < p; c++)
        {
            var reconstructed = 0.0;
            for (var m = 0; m < k; m++)
            {
                reconstructed += scores[m] * components[(m * p) + c];
            }

            var d = z[c] - reconstructed;
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    // Eigen-decomposition of the covariance of the standardized rows (whose means are 0): the components are its
    // eigenvectors by decreasing eigenvalue, as scikit-learn's PCA finds them by SVD. As scikit-learn's
    // n_components=share, the fewest components whose cumulative share exceeds the share are kept; at most p - 1,
    // so that some variance is always left to measure.
    private static (double[] Components, int Count, double Kept) Components(double[] z, int n, int p, double share)
    {
        var covariance = new double[p, p];
        for (var r = 0; r < n; r++)
        {
            var row = z.AsSpan(r * p, p);
            for (var a = 0; a < p; a++)
            {
                var va = row[a];
                for (var b = a; b < p; b++)
                {
                    covariance[a, b] += va * row[b];
                }
            }
        }

        for (var a = 0; a < p; a++)
        {
            for (var b = a; b < p; b++)
            {
                covariance[a, b] /= n - 1;
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

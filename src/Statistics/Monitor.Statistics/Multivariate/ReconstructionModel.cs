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
        int rows, int chunkRows, double[] chunkErrors, double[] heldOutRows, ReconstructionDriftOptions options)
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
        var sorted = (double[])heldOutRows.Clone();
        Array.Sort(sorted);
        RowErrorCap = options.RowErrorCapQuantile >= 1 ? double.PositiveInfinity : LinearQuantile.OfSorted(sorted, options.RowErrorCapQuantile);
        var capped = heldOutRows.Select(e => Math.Min(e, RowErrorCap)).ToArray();
        HeldOutChunkErrors = [.. capped.Chunk(chunkRows).Select(c => c.Average())];
        ChunkMean = HeldOutChunkErrors.Average();

        // The chunks' sample standard deviation, but not below what independent rows would give: with ten chunks of
        // skewed row errors the chunks alone understate the spread about as often as not.
        var rowSpread = StandardDeviation(capped) / Math.Sqrt(chunkRows);
        ChunkStandardDeviation = Math.Max(StandardDeviation([.. HeldOutChunkErrors]), rowSpread);
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

    /// <summary>Mean reconstruction error of each reference chunk under the fitted components (NannyML's chunk figures), in reference order.</summary>
    public IReadOnlyList<double> ChunkErrors { get; }

    /// <summary>Mean reconstruction error of each reference chunk under the components of the other chunks' rows (row errors capped).</summary>
    public IReadOnlyList<double> HeldOutChunkErrors { get; }

    /// <summary>
    /// A row's error counts at most this much, in the reference chunks and in windows: the held-out rows' quantile
    /// <see cref="ReconstructionDriftOptions.RowErrorCapQuantile"/>, so that a few rows far out (a rare value of a
    /// sparse feature, tens of standard deviations from its mean) do not decide a window alone.
    /// </summary>
    public double RowErrorCap { get; }

    /// <summary>The threshold's centre: the mean of <see cref="HeldOutChunkErrors"/>.</summary>
    public double ChunkMean { get; }

    /// <summary>The threshold's spread at the chunks' size: the held-out chunks' sample standard deviation, at least the rows' over sqrt(chunk rows).</summary>
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

        var sums = PrincipalComponents.Moments(z, p, 0, n);
        var (components, k, kept) = PrincipalComponents.Keep(sums, n, p, options.VarianceToKeep);
        var chunkErrors = new double[options.ReferenceChunks];
        var heldOutRows = new double[options.ReferenceChunks * chunkRows];
        var scores = new double[p];
        for (var chunk = 0; chunk < chunkErrors.Length; chunk++)
        {
            var (from, to) = (chunk * chunkRows, (chunk + 1) * chunkRows);

            // The chunk against the components of the other chunks' rows: the error a window of new rows has, which
            // the fit's own rows understate (its components were chosen to fit them).
            var rest = PrincipalComponents.Without(sums, PrincipalComponents.Moments(z, p, from, to));
            var (others, otherCount, _) = PrincipalComponents.Keep(rest, n - chunkRows, p, options.VarianceToKeep);
            var inSample = 0.0;
            for (var r = from; r < to; r++)
            {
                inSample += RowError(z.AsSpan(r * p, p), components, k, scores);
                heldOutRows[r] = RowError(z.AsSpan(r * p, p), others, otherCount, scores);
            }

            chunkErrors[chunk] = inSample / chunkRows;
        }

        reason = null;
        return new ReconstructionModel([.. used.Select(j => names[j])], meanArray, scales, components, k, kept, n, chunkRows, chunkErrors, heldOutRows, options);
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

    /// <summary>Mean reconstruction error (each row's capped at <see cref="RowErrorCap"/>) over the rows with at least one feature present, and their number.</summary>
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
                total += Math.Min(RowError(z, _components, ComponentCount, scratch), RowErrorCap);
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

    private static double StandardDeviation(double[] values)
    {
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / (values.Length - 1));
    }
}

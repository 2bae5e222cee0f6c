using Monitor.Statistics.Multivariate;

namespace Monitor.Grains.Drift;

/// <summary>
/// Multivariate drift as the report shows it, for a version and for <c>monitor drift</c> alike: the PCA of the
/// reference's numeric columns, fitted once, and the report section for a window's columns.
/// </summary>
public sealed class MultivariateDriftCheck
{
    private readonly ReconstructionModel? _model;
    private readonly string? _reason;
    private readonly int _chunks;

    private MultivariateDriftCheck(ReconstructionModel? model, string? reason, int chunks)
    {
        _model = model;
        _reason = reason;
        _chunks = chunks;
    }

    /// <summary>The features the window's columns are asked for, in this order (none when the reference could not be fitted).</summary>
    public IReadOnlyList<string> Features => _model?.Features ?? [];

    /// <summary>Null when multivariate drift is off or the reference has fewer than two numeric columns.</summary>
    public static MultivariateDriftCheck? Fit(IReadOnlyList<string> names, IReadOnlyList<ReadOnlyMemory<double>> columns, MultivariateDriftSettings? settings)
    {
        settings ??= MultivariateDriftSettings.Default;
        if (!settings.Enabled || names.Count < 2)
        {
            return null;
        }

        var model = ReconstructionModel.Fit(names, columns, MultivariateSettingsRules.ToOptions(settings), out var reason);
        return new MultivariateDriftCheck(model, reason, settings.ReferenceChunks);
    }

    /// <summary>The report section for the window's values of <see cref="Features"/> (NaN: missing); no verdict below <paramref name="minimumRows"/> rows.</summary>
    public MultivariateDrift Evaluate(IReadOnlyList<ReadOnlyMemory<double>> window, int minimumRows)
    {
        if (_model is not { } model)
        {
            return new MultivariateDrift { Status = DriftStatus.InsufficientData, ReferenceChunks = _chunks, Message = $"the reference {_reason}" };
        }

        var result = model.Evaluate(window, minimumRows);
        var judged = result.Drifted is not null;
        return new MultivariateDrift
        {
            Status = judged ? DriftStatus.Evaluated : DriftStatus.InsufficientData,
            Drifted = result.Drifted,
            ReconstructionError = Finite(result.Error),
            LowerThreshold = Finite(result.Lower),
            UpperThreshold = Finite(result.Upper),
            Components = model.ComponentCount,
            VarianceKept = model.VarianceKept,
            Features = model.Features,
            WindowRows = result.Rows,
            ReferenceChunks = model.ChunkErrors.Count,
            ChunkRows = model.ChunkRows,
            ReferenceError = model.ChunkMean,
            ReferenceErrorStandardDeviation = model.ChunkStandardDeviation,
            RowErrorCap = Finite(model.RowErrorCap),
            Message = judged ? null : $"{result.Rows} window rows with numeric features, fewer than the minimum sample size {minimumRows}",
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

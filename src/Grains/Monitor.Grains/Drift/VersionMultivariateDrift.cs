using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// A version's multivariate drift: the check of its reference's numeric features, fitted once per reference and
/// settings (when <see cref="VersionDriftEvaluator.Configure"/> runs, never per evaluation; after a restart it is
/// fitted again from the stored reference, which is quick and gives the same model), evaluated on the feature ring.
/// </summary>
public sealed class VersionMultivariateDrift
{
    private readonly MultivariateDriftCheck _check;
    private readonly int[] _ringColumns;
    private readonly ReadOnlyMemory<double>[] _window;

    private VersionMultivariateDrift(MultivariateDriftCheck check, int[] ringColumns)
    {
        _check = check;
        _ringColumns = ringColumns;
        _window = new ReadOnlyMemory<double>[ringColumns.Length];
    }

    /// <summary>Null when multivariate drift is off or the reference has fewer than two numeric features.</summary>
    public static VersionMultivariateDrift? Fit(PreparedReference reference, MultivariateDriftSettings? settings)
    {
        var names = new List<string>();
        var columns = new List<ReadOnlyMemory<double>>();
        var features = reference.Features.Features;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < features.Count; j++)
        {
            if (features[j] is NumericReferenceFeature && reference.Data.Features[j].Numbers is { } numbers)
            {
                names.Add(features[j].Name);
                columns.Add(numbers);
                index[features[j].Name] = j;
            }
        }

        return MultivariateDriftCheck.Fit(names, columns, settings) is { } check
            ? new VersionMultivariateDrift(check, [.. check.Features.Select(name => index[name])])
            : null;
    }

    /// <summary>The report section for the ring's records (the ring's feature columns are in reference order).</summary>
    public MultivariateDrift Evaluate(FeatureRing ring, int minimumRows)
    {
        for (var c = 0; c < _ringColumns.Length; c++)
        {
            _window[c] = ring.Numbers[_ringColumns[c]].AsMemory(0, ring.Count);
        }

        return _check.Evaluate(_window, minimumRows);
    }
}

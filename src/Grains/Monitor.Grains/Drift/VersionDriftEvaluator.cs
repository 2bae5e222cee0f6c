using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// Evaluates a version's feature window (its feature ring) against its prepared reference with its settings:
/// reads the window, runs the drift engine on the features and on the model outputs, and writes the report. Engines are built
/// when the reference or the settings change, not per evaluation. One per grain (it reuses buffers).
/// </summary>
public sealed class VersionDriftEvaluator
{
    private readonly FeatureWindowReader _reader = new();
    private DriftEngine _features = new();
    private DriftEngine _outputs = new();
    private List<string> _notes = [];
    private VersionMultivariateDrift? _multivariate;
    private bool _multivariateFitted;

    public PreparedReference? Reference { get; private set; }

    public DriftSettings Settings { get; private set; } = DriftSettings.Default;

    /// <summary>Takes a new reference or new settings (both checked beforehand).</summary>
    public void Configure(PreparedReference? reference, DriftSettings settings)
    {
        var notes = new List<string>();
        var (features, outputs) = DriftSettingsRules.ToOptions(settings, reference, notes);
        _features = new DriftEngine(features);
        _outputs = new DriftEngine(outputs);
        _notes = notes;
        // The PCA is fitted again only when the reference or its own settings change.
        if (reference is null || !ReferenceEquals(reference, Reference) || settings.Multivariate != Settings.Multivariate || !_multivariateFitted)
        {
            _multivariate = reference is null ? null : VersionMultivariateDrift.Fit(reference, settings.Multivariate);
            _multivariateFitted = reference is not null;
        }

        Reference = reference;
        Settings = settings;
    }

    /// <summary>The report on the records in the version's feature ring (built for the current reference).</summary>
    public VersionDriftReport Evaluate(string model, string version, FeatureRing ring, DateTimeOffset now)
    {
        var reference = Reference ?? throw new InvalidOperationException("The version has no reference.");
        var window = _reader.Read(reference, ring);
        var features = _features.Evaluate(reference.Features, window.Features);
        DriftReport? outputs = reference.Outputs is { } outputReference ? _outputs.Evaluate(outputReference, window.Outputs) : null;
        return new VersionDriftReport
        {
            Model = model,
            Version = version,
            EvaluatedAt = now,
            WindowRecords = window.Records,
            WindowSize = ring.Capacity,
            ReferenceRows = reference.Rows,
            Dataset = DriftReportMapper.Dataset(features.Dataset),
            Features = DriftReportMapper.Features(features.Features),
            UnknownFeatures = window.UnknownFeatures,
            Outputs = outputs is null ? [] : DriftReportMapper.Features(outputs.Features),
            OutputsVerdict = outputs is null ? null : DriftReportMapper.Dataset(outputs.Dataset),
            DataQuality = DataQualityReport.Describe(window.Quality),
            Notes = _notes,
            OutputsCompared = outputs is not null,
            OutputsNote = reference.OutputsNote,
            Multivariate = _multivariate?.Evaluate(ring, Settings.MinimumSampleSize),
        };
    }
}

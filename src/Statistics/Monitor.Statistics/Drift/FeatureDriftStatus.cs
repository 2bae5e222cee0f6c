namespace Monitor.Statistics.Drift;

/// <summary>Whether a feature could be judged, and if not, why.</summary>
public enum FeatureDriftStatus
{
    /// <summary>Tests ran and the feature has a verdict.</summary>
    Evaluated,

    /// <summary>Fewer present values than the minimum sample in the window or the reference.</summary>
    InsufficientData,

    /// <summary>The reference has the feature; the window has no column for it.</summary>
    MissingFromCurrent,

    /// <summary>The window's column is of another kind than the reference's (e.g. text where numbers were expected).</summary>
    TypeMismatch,
}

namespace Monitor.Grains.Drift;

/// <summary>
/// The one vocabulary of drift states, written alike by the HTTP API, <c>monitor drift</c>, the dashboard and
/// the history. A feature is <see cref="Evaluated"/> or says why it has no verdict; a dataset is evaluated when
/// at least one feature has a verdict and <see cref="InsufficientData"/> otherwise.
/// </summary>
public static class DriftStatus
{
    /// <summary>Tests ran: there is a verdict.</summary>
    public const string Evaluated = "evaluated";

    /// <summary>Fewer present values than the minimum sample (in the window or the reference); for a dataset, no feature judged.</summary>
    public const string InsufficientData = "insufficient_data";

    /// <summary>The window has records, and none of them carries the feature.</summary>
    public const string MissingFromCurrent = "missing_from_current";

    /// <summary>The window's values are of another kind than the reference's (text where numbers were expected, or the reverse).</summary>
    public const string TypeMismatch = "type_mismatch";
}

using Monitor.Grains.Drift;

namespace Monitor.Gateway.References;

/// <summary>What a reference body yielded: the reference, or the problems that refuse it (413 when it is too large).</summary>
public sealed record ReferenceUpload(ReferenceData? Reference, IReadOnlyList<FieldProblem> Problems, bool TooLarge = false)
{
    public static ReferenceUpload Refused(string field, string reason, bool tooLarge = false) => new(null, [new FieldProblem(field, reason)], tooLarge);

    public static ReferenceUpload Refused(IReadOnlyList<FieldProblem> problems) => new(null, problems);
}

/// <summary>Limits a reference body is read with (Monitor:Drift).</summary>
public sealed record ReferenceLimits(int MaxRows, int MaxFeatures, long MaxValues)
{
    public static ReferenceLimits Of(VersionDriftOptions options) =>
        new(options.MaxReferenceRows, options.MaxReferenceFeatures, ReferenceLimitsDefaults.MaxValues);
}

/// <summary>
/// Values (rows x columns) a reference may have in all: a reference travels to its grain in one message, which
/// Orleans bounds (100 MB by default); 5 million doubles are 40 MB.
/// </summary>
public static class ReferenceLimitsDefaults
{
    public const long MaxValues = 5_000_000;
}

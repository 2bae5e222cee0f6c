namespace Monitor.Grains.Drift;

/// <summary>Take the version's next <see cref="Records"/> records as its reference.</summary>
[GenerateSerializer, Immutable, Alias("monitor.CaptureRequest")]
public sealed record CaptureRequest
{
    [Id(0)] public required int Records { get; init; }

    /// <summary>Feature types to use instead of inferring them from the captured values.</summary>
    [Id(1)] public IReadOnlyDictionary<string, FeatureType> DeclaredTypes { get; init; } = new Dictionary<string, FeatureType>();
}

namespace Monitor.Grains.Outcomes;

/// <summary>A model's labels and events that name no version, its champion, and A/B comparisons of its versions.</summary>
[Alias("monitor.IModelOutcomesGrain")]
public interface IModelOutcomesGrain : IGrainWithStringKey
{
    /// <summary>Asks every version to join the labels; what none holds yet waits here (bounded) and is asked again.</summary>
    [Alias("JoinLabels")]
    Task<LabelJoinCounts> JoinLabels(LabelBatch labels);

    [Alias("RecordEvents")]
    Task<EventJoinCounts> RecordEvents(EventBatch events);

    /// <summary>Names the champion; false when the model has no such version.</summary>
    [Alias("SetChampion")]
    Task<bool> SetChampion(string version);

    [Alias("GetChampion")]
    Task<string?> GetChampion();

    /// <summary>B against A over the last N minutes.</summary>
    [Alias("Compare")]
    Task<ModelComparison> Compare(string a, string b, int minutes);

    /// <summary>The champion against each other version; null when no champion is named.</summary>
    [Alias("CompareWithChampion")]
    Task<ModelComparison?> CompareWithChampion(int minutes);

    /// <summary>
    /// B against A (or, with both null, the champion against each other version) restricted to one segment, which
    /// every version compared must track; null when a and b are null and no champion is named.
    /// </summary>
    [Alias("CompareSegment")]
    Task<ModelComparison?> CompareSegment(string? a, string? b, int minutes, Segments.SegmentName segment);
}

namespace Monitor.Grains.RuleInputs;

/// <summary>
/// A source of per-segment figures: the one kind of source asked a query with a segment (a version-wide figure
/// would answer it wrongly), and the list of segments a rule scoped by key expands to.
/// </summary>
public interface ISegmentMetrics : IVersionMetrics
{
    /// <summary>The version's segments now ("country:DE", ..., "country:other").</summary>
    IReadOnlyList<string> Segments { get; }
}

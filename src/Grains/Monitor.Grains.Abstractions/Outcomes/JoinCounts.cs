using System.Text.Json.Serialization;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// What happened to the labels of a request. Every label lands in exactly one of these: joined and
/// scored, waiting for its prediction, or counted as not joinable and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.LabelJoinCounts")]
public sealed record LabelJoinCounts
{
    public static LabelJoinCounts Empty { get; } = new();

    /// <summary>Joined to their prediction and scored.</summary>
    [Id(0)] public long Joined { get; init; }

    /// <summary>No prediction with that id yet: held until it arrives or the pending timeout passes.</summary>
    [Id(1)] public long Pending { get; init; }

    /// <summary>The prediction already had a label: the first one stands, this one is counted only.</summary>
    [Id(2)] public long Duplicate { get; init; }

    /// <summary>The prediction has left the join index (older than the horizon, or pushed out by its cap).</summary>
    [Id(3)] public long Late { get; init; }

    /// <summary>No prediction with that id is known.</summary>
    [Id(4)] public long UnknownId { get; init; }

    /// <summary>Joined, but there is nothing to score: the prediction failed or had no value, or a "value" met a class prediction.</summary>
    [Id(5)] public long Unscorable { get; init; }

    [JsonIgnore]
    public long Total => Joined + Pending + Duplicate + Late + UnknownId + Unscorable;

    public LabelJoinCounts Plus(LabelJoinCounts other) => new()
    {
        Joined = Joined + other.Joined,
        Pending = Pending + other.Pending,
        Duplicate = Duplicate + other.Duplicate,
        Late = Late + other.Late,
        UnknownId = UnknownId + other.UnknownId,
        Unscorable = Unscorable + other.Unscorable,
    };
}

/// <summary>What happened to the business events of a request; every event lands in exactly one of these.</summary>
[GenerateSerializer, Immutable, Alias("monitor.EventJoinCounts")]
public sealed record EventJoinCounts
{
    public static EventJoinCounts Empty { get; } = new();

    /// <summary>Joined to their prediction and counted.</summary>
    [Id(0)] public long Matched { get; init; }

    /// <summary>A click, conversion or custom event its prediction already had: not counted again.</summary>
    [Id(1)] public long Duplicate { get; init; }

    /// <summary>Named a version but no id: counted for the version.</summary>
    [Id(2)] public long WithoutId { get; init; }

    /// <summary>Named a version and an id the version does not hold: counted for the version, without de-duplication.</summary>
    [Id(3)] public long Unmatched { get; init; }

    /// <summary>Named no version and no version holds the id yet: held until it arrives or the pending timeout passes.</summary>
    [Id(4)] public long Pending { get; init; }

    /// <summary>Named no version and the id has left the join index: not counted.</summary>
    [Id(5)] public long Late { get; init; }

    /// <summary>Named no version and no version knows the id: not counted.</summary>
    [Id(6)] public long UnknownId { get; init; }

    [JsonIgnore]
    public long Total => Matched + Duplicate + WithoutId + Unmatched + Pending + Late + UnknownId;

    public EventJoinCounts Plus(EventJoinCounts other) => new()
    {
        Matched = Matched + other.Matched,
        Duplicate = Duplicate + other.Duplicate,
        WithoutId = WithoutId + other.WithoutId,
        Unmatched = Unmatched + other.Unmatched,
        Pending = Pending + other.Pending,
        Late = Late + other.Late,
        UnknownId = UnknownId + other.UnknownId,
    };
}

/// <summary>How one version answered for one label or event of a model-wide request.</summary>
[GenerateSerializer, Alias("monitor.JoinMatch")]
public enum JoinMatch : byte
{
    /// <summary>This version does not hold the id.</summary>
    NotFound = 0,

    /// <summary>Joined (and scored or counted) here.</summary>
    Joined = 1,

    /// <summary>Held here, but already labelled (or already had this event).</summary>
    Duplicate = 2,

    /// <summary>The id left this version's join index.</summary>
    Late = 3,

    /// <summary>Held here, but the label cannot be scored against the prediction.</summary>
    Unscorable = 4,
}

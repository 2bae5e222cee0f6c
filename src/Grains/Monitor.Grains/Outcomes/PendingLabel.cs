namespace Monitor.Grains.Outcomes;

/// <summary>A label whose prediction has not arrived yet.</summary>
[GenerateSerializer, Immutable, Alias("monitor.PendingLabel")]
public readonly record struct PendingLabel(
    [property: Id(0)] ulong Key,
    [property: Id(1)] long TimeMs,
    [property: Id(2)] long ExpiresMs,
    [property: Id(3)] LabelKind Kind,
    [property: Id(4)] string? Text,
    [property: Id(5)] double Number);

/// <summary>A model-wide business event whose prediction no version holds yet.</summary>
[GenerateSerializer, Immutable, Alias("monitor.PendingEvent")]
public readonly record struct PendingEvent(
    [property: Id(0)] ulong Key,
    [property: Id(1)] long TimeMs,
    [property: Id(2)] long ExpiresMs,
    [property: Id(3)] string Type,
    [property: Id(4)] double Value);

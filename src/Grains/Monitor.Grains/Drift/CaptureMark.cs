namespace Monitor.Grains.Drift;

/// <summary>How many pages of the capture <see cref="CaptureId"/> a checkpoint holds (pages 0 to Pages - 1).</summary>
[GenerateSerializer, Immutable, Alias("monitor.CaptureMark")]
public readonly record struct CaptureMark(
    [property: Id(0)] long CaptureId,
    [property: Id(1)] int Pages);

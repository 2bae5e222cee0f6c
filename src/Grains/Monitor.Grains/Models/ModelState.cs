using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Models;

[GenerateSerializer, Alias("monitor.ModelState")]
public sealed class ModelState
{
    [Id(0)] public List<string> Versions { get; set; } = [];

    /// <summary>The version the others are compared with by default.</summary>
    [Id(1)] public string? Champion { get; set; }

    /// <summary>Labels that named no version and that no version held yet.</summary>
    [Id(2)] public PendingList<PendingLabel>? PendingLabels { get; set; }

    /// <summary>Business events that named no version and that no version held yet.</summary>
    [Id(3)] public PendingList<PendingEvent>? PendingEvents { get; set; }
}

namespace Monitor.Grains.Versions;

/// <summary>
/// Names one ingest call so a retry of it is applied once: a gateway process (<see cref="Sender"/>,
/// new at every start) numbers its calls to each version in order (<see cref="Sequence"/>), reusing
/// the number when it retries. A version skips a call whose number it has already applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.IngestToken")]
public readonly record struct IngestToken(
    [property: Id(0)] string Sender,
    [property: Id(1)] long Sequence);

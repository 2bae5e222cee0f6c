namespace Monitor.Grains.Outcomes;

/// <summary>
/// A version's join index, stored apart from the checkpoint (state name "joins"): it holds up to a million
/// predictions (tens of megabytes), so it is written on its own, slower interval and in the background,
/// and on deactivation, never with every window checkpoint.
/// </summary>
[GenerateSerializer, Alias("monitor.JoinIndexState")]
public sealed class JoinIndexState
{
    [Id(0)] public PredictionIndexSnapshot? Index { get; set; }
}

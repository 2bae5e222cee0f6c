namespace Monitor.Grains.Alerting.Targets;

/// <summary>A delivery stopped before connecting: the host resolved only to addresses notifications may not reach.</summary>
public sealed class TargetRefusedException(string message) : Exception(message);

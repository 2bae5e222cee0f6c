namespace Monitor.Cli.Simulation;

/// <summary>A prediction the simulator sent: its id and class, or no class when it failed.</summary>
public readonly record struct SentPrediction(string Model, string Version, string Id, int? Predicted);

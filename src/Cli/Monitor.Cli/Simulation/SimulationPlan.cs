namespace Monitor.Cli.Simulation;

/// <summary>What traffic to send: which versions, how fast, for how long, and what to inject when.</summary>
public sealed record SimulationPlan
{
    public required Uri Gateway { get; init; }
    public required IReadOnlyList<(string Model, string Version)> Versions { get; init; }
    public double RecordsPerSecond { get; init; } = 200;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public int BatchSize { get; init; } = 50;
    public int NumericFeatures { get; init; } = 4;
    public double ErrorRate { get; init; } = 0.02;
    public int Seed { get; init; } = 42;

    /// <summary>Features to shift by the given number of standard deviations, from <see cref="ShiftAfter"/> on.</summary>
    public IReadOnlyDictionary<string, double> FeatureShifts { get; init; } = new Dictionary<string, double>();
    public TimeSpan ShiftAfter { get; init; }

    /// <summary>Latencies are multiplied by this factor between <see cref="SpikeAfter"/> and <see cref="SpikeUntil"/>.</summary>
    public double LatencyFactor { get; init; } = 1;
    public TimeSpan SpikeAfter { get; init; }
    public TimeSpan SpikeUntil { get; init; } = TimeSpan.MaxValue;

    /// <summary>Restricts shifts and spikes to these versions ("model/version"); all when empty.</summary>
    public IReadOnlySet<string> InjectInto { get; init; } = new HashSet<string>();

    /// <summary>Labels and business events that follow the predictions; none by default.</summary>
    public OutcomePlan Outcomes { get; init; } = new();

    public bool Injects(string model, string version) => InjectInto.Count == 0 || InjectInto.Contains($"{model}/{version}");
}

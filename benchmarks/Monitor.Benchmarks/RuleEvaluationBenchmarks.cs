using BenchmarkDotNet.Attributes;
using Monitor.Grains.Alerting;
using Monitor.Grains.Ingest;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Windows;

namespace Monitor.Benchmarks;

/// <summary>
/// One version's rule evaluation (what its grain does every evaluation interval): five rules over a
/// 5-minute window of a version that took 20 records/s for the last 10 minutes.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private AlertRule[] _rules = [];
    private IVersionMetrics[] _sources = [];
    private VersionRuleEvaluator _evaluator = null!;
    private int _tick;

    [GlobalSetup]
    public void Setup()
    {
        var window = new VersionWindow(new VersionWindowOptions());
        var nowMs = Now.ToUnixTimeMilliseconds();
        var random = new Random(1);
        const int n = 12_000;
        window.Apply(new PredictionBatch
        {
            Model = "bench",
            Version = "v1",
            Count = n,
            TimestampsMs = [.. Enumerable.Range(0, n).Select(i => nowMs - 600_000 + (i * 50L))],
            LatenciesMs = [.. Enumerable.Range(0, n).Select(_ => 5 + (random.NextDouble() * 50))],
            Confidences = [.. Enumerable.Range(0, n).Select(_ => 0.5 + (random.NextDouble() / 2))],
            Succeeded = [.. Enumerable.Range(0, n).Select(i => i % 50 != 0)],
            ErrorTypes = [.. Enumerable.Range(0, n).Select(i => i % 50 != 0 ? null : "Timeout")],
            Ids = new string?[n],
            Predictions = new PredictionColumn { Numbers = [.. Enumerable.Range(0, n).Select(i => (double)(i % 2))], Labels = null },
            Features = [],
        }, nowMs);
        _sources = [new WindowMetrics(() => window)];
        AlertRule Rule(string name, string metric, RuleComparator comparator, double threshold) =>
            new() { Name = name, Metric = metric, Comparator = comparator, Threshold = threshold, For = TimeSpan.FromMinutes(1), MinSamples = 10 };
        _rules =
        [
            Rule("ErrorRate", VersionMetricNames.ErrorRate, RuleComparator.Greater, 0.5),
            Rule("LatencyP95", VersionMetricNames.LatencyP95, RuleComparator.Greater, 5000),
            Rule("LatencyP99", VersionMetricNames.LatencyP99, RuleComparator.Greater, 10000),
            Rule("LowThroughput", VersionMetricNames.Throughput, RuleComparator.Less, 0),
            Rule("LowConfidence", VersionMetricNames.LowConfidenceShare, RuleComparator.Greater, 0.99),
        ];
        _evaluator = new VersionRuleEvaluator("bench", "v1", new VersionAlertState(), new AlertingOptions());
    }

    [Benchmark(Description = "5 rules, one version, one evaluation")]
    public int EvaluateFiveRules() => _evaluator.Evaluate(_rules, _sources, Now.AddMilliseconds(_tick++)).Updates.Count;
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Routing;
using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;
using Orleans.Runtime;

namespace Monitor.Gateway.Tests.Routing;

/// <summary>The gateway's per-version queue through silo failures: retried with the same token until a deadline.</summary>
public sealed class VersionIngestQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_call_that_fails_on_a_dying_silo_is_sent_again_with_the_same_token()
    {
        var grain = new FlakyVersion(failures: 3);
        var queue = new VersionIngestQueue(grain, "gw", Retry(TimeSpan.FromSeconds(30)));

        await Drive(queue.Enqueue(Batch(5)));
        await Drive(queue.Enqueue(Batch(2)));

        Assert.Equal([1, 1, 1, 1, 2], grain.Tokens.Select(t => t.Sequence));
        Assert.All(grain.Tokens, t => Assert.Equal("gw", t.Sender));
        Assert.Equal(7, grain.Applied);
    }

    [Fact]
    public async Task Past_the_retry_deadline_the_request_fails_and_nothing_is_acknowledged()
    {
        var grain = new FlakyVersion(failures: int.MaxValue);
        var queue = new VersionIngestQueue(grain, "gw", Retry(TimeSpan.FromSeconds(5)));

        var sent = queue.Enqueue(Batch(5));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => Drive(sent));
        Assert.Equal(0, grain.Applied);
        Assert.True(grain.Tokens.Count > 3);
    }

    [Fact]
    public async Task A_failure_that_is_not_transient_is_not_retried()
    {
        var grain = new FlakyVersion(failures: 1, failure: () => new ArgumentException("bad batch"));
        var queue = new VersionIngestQueue(grain, "gw", Retry(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<ArgumentException>(() => Drive(queue.Enqueue(Batch(1))));
        Assert.Single(grain.Tokens);
    }

    private ClusterRetry Retry(TimeSpan timeout) =>
        new(Options.Create(new GatewayIngestOptions { RetryTimeout = timeout }), _time, NullLogger<ClusterRetry>.Instance);

    // Lets the queue's pauses pass on the fake clock.
    private async Task Drive(Task task)
    {
        for (var i = 0; i < 10_000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await task;
    }

    private static PredictionBatch Batch(int count) => new()
    {
        Model = "m",
        Version = "v",
        Count = count,
        TimestampsMs = new long[count],
        LatenciesMs = new double[count],
        Confidences = new double[count],
        Succeeded = new bool[count],
        ErrorTypes = new string?[count],
        Ids = new string?[count],
        Predictions = new PredictionColumn { Numbers = new double[count] },
        Features = [],
    };

    private sealed class FlakyVersion(int failures, Func<Exception>? failure = null) : IModelVersionGrain
    {
        private int _failures = failures;

        public List<IngestToken> Tokens { get; } = [];

        public int Applied { get; private set; }

        public Task Ingest(PredictionBatch[] batches, IngestToken token)
        {
            Tokens.Add(token);
            if (_failures-- > 0)
            {
                throw failure?.Invoke() ?? new SiloUnavailableException("the silo died");
            }

            Applied += batches.Sum(b => b.Count);
            return Task.CompletedTask;
        }

        public Task<Monitor.Grains.Segments.SegmentSettings> GetSegmentSettings() => throw new NotSupportedException();

        public Task<Monitor.Grains.Segments.SegmentSettingsChange> SetSegmentSettings(Monitor.Grains.Segments.SegmentSettings settings) => throw new NotSupportedException();

        public Task<Monitor.Grains.Segments.SegmentListing> GetSegments(int minutes) => throw new NotSupportedException();

        public Task<FieldProblem?> CheckSegment(Monitor.Grains.Segments.SegmentName segment) => throw new NotSupportedException();

        public Task<Monitor.Grains.Segments.SegmentSummary> GetSegmentSummary(Monitor.Grains.Segments.SegmentName segment, int minutes) => throw new NotSupportedException();

        public Task<Monitor.Grains.Segments.SegmentTimeSeries> GetSegmentTimeSeries(Monitor.Grains.Segments.SegmentName segment, int minutes, int stepSeconds) => throw new NotSupportedException();

        public Task<Monitor.Grains.Outcomes.VersionSample> GetSegmentSample(Monitor.Grains.Segments.SegmentName segment, int minutes) => throw new NotSupportedException();

        public Task<VersionDriftReport?> EvaluateSegmentDrift(Monitor.Grains.Segments.SegmentName segment) => throw new NotSupportedException();

        public Task Ingest(PredictionBatch[] batches) => throw new NotSupportedException();

        public Task<VersionSummary> GetSummary(int minutes) => throw new NotSupportedException();

        public Task<VersionTimeSeries> GetTimeSeries(int minutes, int stepSeconds) => throw new NotSupportedException();

        public Task<RecordSlice[]> GetRecords(RecordQuery query) => throw new NotSupportedException();

        public Task<VersionHealth> GetHealth() => throw new NotSupportedException();

        public Task<Monitor.Grains.Alerting.RuleState[]> GetRuleStates() => throw new NotSupportedException();

        public Task<string[]> GetHeldAlerts() => throw new NotSupportedException();

        public Task Resume() => throw new NotSupportedException();

        public Task<Monitor.Grains.Outcomes.LabelJoinCounts> JoinLabels(Monitor.Grains.Outcomes.LabelBatch labels) => throw new NotSupportedException();

        public Task<Monitor.Grains.Outcomes.JoinMatch[]> MatchLabels(Monitor.Grains.Outcomes.LabelBatch labels) => throw new NotSupportedException();

        public Task<Monitor.Grains.Outcomes.EventJoinCounts> RecordEvents(Monitor.Grains.Outcomes.EventBatch events) => throw new NotSupportedException();

        public Task<Monitor.Grains.Outcomes.JoinMatch[]> MatchEvents(Monitor.Grains.Outcomes.EventBatch events) => throw new NotSupportedException();

        public Task<Monitor.Grains.Outcomes.VersionSample> GetSample(int minutes) => throw new NotSupportedException();

        public Task<ReferenceChange> SetReference(ReferenceData reference) => throw new NotSupportedException();

        public Task<ReferenceChange> CaptureReference(CaptureRequest request) => throw new NotSupportedException();

        public Task<ReferenceDescription?> DeleteReference() => throw new NotSupportedException();

        public Task<ReferenceDescription?> GetReference() => throw new NotSupportedException();

        public Task<ReferenceData?> GetReferenceData() => throw new NotSupportedException();

        public Task<VersionDriftReport?> EvaluateDrift() => throw new NotSupportedException();

        public Task<FeatureDistributionLookup> GetFeatureDistribution(DistributionQuery query) => throw new NotSupportedException();

        public Task<DriftHistory> GetDriftHistory(int minutes) => throw new NotSupportedException();

        public Task<DriftSettings> GetDriftSettings() => throw new NotSupportedException();

        public Task<DriftSettingsChange> SetDriftSettings(DriftSettings settings) => throw new NotSupportedException();

        public Task CountNonFiniteRefused(int records) => throw new NotSupportedException();
    }
}

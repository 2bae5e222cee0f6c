using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monitor.Gateway.Durability;
using Monitor.Gateway.Routing;

namespace Monitor.Gateway.Tests.Durability;

/// <summary>A gateway stopping while its log's maintenance waits after a failed round stops at once.</summary>
public sealed class IngestLogStopTests : IDisposable
{
    private readonly string _directory = IngestLogFixtures.TempDirectory();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 20, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Stopping_after_a_failed_truncation_round_does_not_wait_out_the_interval()
    {
        var options = new DurabilityOptions { TruncateInterval = TimeSpan.FromMinutes(5) };
        var coverage = new SegmentCoverage();
        var metrics = new IngestLogMetrics();
        var writer = new IngestLogWriter(_directory, IngestLogFixtures.Format(), options, _time, coverage, NullLogger<IngestLogWriter>.Instance);
        var chains = new IngestChains(_ => throw new InvalidOperationException("no version is called: nothing is replayed"), options, _time, metrics);
        var marks = new NoMarks();
        var replay = new IngestLogReplay(
            new IngestLogReader(IngestLogFixtures.Format()), coverage, chains, marks,
            new ClusterRetry(Options.Create(new GatewayIngestOptions()), _time, NullLogger<ClusterRetry>.Instance),
            options, metrics, NullLogger<IngestLogReplay>.Instance);
        var truncation = new IngestLogTruncation(_directory, writer, coverage, marks, NullLogger<IngestLogTruncation>.Instance);
        var failures = new FailureLog();
        var service = new IngestLogService(_directory, options, writer, replay, truncation, metrics, new StartedLifetime(), _time, failures);

        await service.StartAsync(CancellationToken.None);

        // The next round cannot list the log's directory: it fails, is logged, and the loop waits for the next round.
        Directory.Delete(_directory, recursive: true);
        _time.Advance(options.TruncateInterval);
        await failures.First.WaitAsync(TimeSpan.FromSeconds(30));

        // The fake clock does not move again: a wait that ignored the stopping token would never end.
        await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private sealed class NoMarks : ICheckpointMarks
    {
        public Task<long> Get(CallSource source) => Task.FromResult(0L);
    }

    private sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    private sealed class FailureLog : ILogger<IngestLogService>
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task First => _first.Task;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                _first.TrySetResult();
            }
        }
    }
}

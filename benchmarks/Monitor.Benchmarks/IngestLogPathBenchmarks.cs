using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Gateway.Durability;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;
using Orleans.Serialization;

namespace Monitor.Benchmarks;

/// <summary>
/// What the ingest log adds to each ingest call on the gateway, without HTTP, the grain or the disk: the entry's
/// encoding (Orleans serialization of the call's batches and the CRC), the append through the group-commit writer
/// (to a file that keeps nothing) and the chain's bookkeeping of unsettled calls (against a version that answers
/// at once and checkpoints every tenth call). One operation is one ingest call of 1 or 100 records (4 features).
/// </summary>
[MemoryDiagnoser]
public class IngestLogPathBenchmarks
{
    private const string Version = "bench/v1";

    private IngestLogFormat _format = null!;
    private IngestLogWriter _writer = null!;
    private PredictionBatch[] _batches = [];
    private IngestChain _chain = null!;
    private long _sequence;

    [Params(1, 100)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _format = new IngestLogFormat(new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(PredictionBatch).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer<PredictionBatch[]>>());
        _batches = VersionBatches.Parse(features: 4, batches: 1, batchSize: Records, seed: 7);
        _writer = new IngestLogWriter(
            "unused", _format, new DurabilityOptions(), TimeProvider.System, new SegmentCoverage(), NullLogger<IngestLogWriter>.Instance, _ => new DiscardingFile());
        _writer.Open(1);
        _chain = new IngestChain(new AnsweringVersion(), "gateway", keep: true, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Description = "encode one call's entry")]
    public int Encode()
    {
        using var entry = _format.Encode(new IngestLogEntry(Version, new IngestToken("gateway", ++_sequence), _batches));
        return entry.Length;
    }

    [Benchmark(Description = "append one call (encode, group write)")]
    public Task Append() => _writer.Append(Version, new IngestToken("gateway", ++_sequence), _batches);

    [Benchmark(Description = "send one call through the chain")]
    public Task Chain() => _chain.SendAsync(_batches, new IngestToken("gateway", ++_sequence));

    /// <summary>A segment file that keeps nothing: the writer's own cost, without the system call.</summary>
    private sealed class DiscardingFile : ISegmentFile
    {
        public long Length { get; private set; }

        public void Append(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
        {
            foreach (var piece in pieces)
            {
                Length += piece.Length;
            }

            // Stays below the segment size, so the writer never opens another one.
            Length %= 1 << 20;
        }

        public void Sync()
        {
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A version that applies every call at once and has checkpointed all but its last ten calls.</summary>
    private sealed class AnsweringVersion : IVersionIngestChainGrain
    {
        private long _mark;

        public Task<IngestReceipt> IngestFollowing(PredictionBatch[] batches, IngestToken token, long follows)
        {
            _mark = Math.Max(_mark, token.Sequence);
            return Task.FromResult(new IngestReceipt(true, _mark, _mark - (_mark % 10)));
        }

        public Task<IngestReceipt> GetIngestMarks(string sender) => Task.FromResult(new IngestReceipt(true, _mark, _mark - (_mark % 10)));
    }
}

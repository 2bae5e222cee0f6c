using Monitor.Gateway.Routing;

namespace Monitor.Gateway.Durability;

/// <summary>
/// After a restart, sends every call of the log's segments to its version again, with its original token: a
/// version applies exactly the calls its checkpoint does not hold and skips the others, so each acknowledged
/// record is counted once. Segments go in order; within one, versions in parallel, each version's calls in order.
/// A crash during the replay loses nothing: the segments stay until the versions' checkpoints hold them. A silo
/// dying during the replay, or within a checkpoint interval after it, loses nothing either: the calls go through
/// <see cref="IngestChains.ForReplay"/> chains, which hold them as they hold live calls.
/// </summary>
/// <remarks>
/// Before sending anything the replay asks each version how far its stored checkpoint holds each gateway of the
/// log, and skips those calls itself: a version forgets a gateway 35 days after its last call, at a checkpoint,
/// and a long replay must not let a checkpoint in the middle of it forget the marks the rest of it relies on.
/// </remarks>
public sealed partial class IngestLogReplay(
    IngestLogReader reader, SegmentCoverage coverage, IngestChains chains, ICheckpointMarks checkpointMarks, ClusterRetry retry,
    DurabilityOptions options, IngestLogMetrics metrics, ILogger<IngestLogReplay> logger)
{
    // Long enough for a cluster to come up; a version that cannot take its calls meanwhile stops the start.
    private static readonly TimeSpan ReplayDeadline = TimeSpan.FromMinutes(10);

    public async Task<ReplayTotals> ReplayAsync(IReadOnlyList<(long Segment, string Path)> segments, CancellationToken cancellationToken)
    {
        var held = await HeldAsync(segments, cancellationToken);

        long records = 0;
        var calls = 0;
        var tornEnds = 0;
        foreach (var (segment, path) in segments)
        {
            var read = reader.Read(path);
            if (read.Torn is { } torn)
            {
                tornEnds++;
                metrics.TornEntries.Inc();
                LogTorn(logger, path, torn.Offset, torn.Bytes, read.Entries.Count);
            }

            coverage.Open(segment);
            foreach (var entry in read.Entries)
            {
                coverage.Add(segment, new CallSource(entry.VersionKey, entry.Token.Sender), entry.Token.Sequence);
            }

            coverage.Close(segment);
            var byVersion = read.Entries
                .Where(e => e.Token.Sequence > held[new CallSource(e.VersionKey, e.Token.Sender)])
                .GroupBy(e => e.VersionKey, StringComparer.Ordinal).ToList();
            await Parallel.ForEachAsync(
                byVersion,
                new ParallelOptions { MaxDegreeOfParallelism = options.ReplayParallelism, CancellationToken = cancellationToken },
                async (versionCalls, _) =>
                {
                    foreach (var call in versionCalls)
                    {
                        // Each version's calls from each earlier process go as a chain, which keeps them until the
                        // version's checkpoint holds them: a version whose silo dies during or after the replay gets
                        // them back (from its next answer, or from the settlement once it is idle).
                        var chain = chains.ForReplay(new CallSource(call.VersionKey, call.Token.Sender));
                        await retry.Run(async () =>
                        {
                            await chain.SendAsync(call.Batches, call.Token);
                            return true;
                        }, retry.Time.GetUtcNow() + ReplayDeadline, "replay");
                        var count = call.Batches.Sum(b => b.Count);
                        Interlocked.Add(ref records, count);
                        metrics.ReplayedRecords.Inc(count);
                    }
                });
            calls += byVersion.Sum(v => v.Count());
        }

        LogReplayed(logger, calls, records, segments.Count, tornEnds);
        return new ReplayTotals(calls, records, tornEnds);
    }

    // The checkpoint marks of every version and gateway the log names, asked before anything is replayed.
    private async Task<Dictionary<CallSource, long>> HeldAsync(IReadOnlyList<(long Segment, string Path)> segments, CancellationToken cancellationToken)
    {
        var sources = new HashSet<CallSource>();
        foreach (var (_, path) in segments)
        {
            foreach (var entry in reader.Read(path).Entries)
            {
                sources.Add(new CallSource(entry.VersionKey, entry.Token.Sender));
            }
        }

        var held = new System.Collections.Concurrent.ConcurrentDictionary<CallSource, long>();
        await Parallel.ForEachAsync(
            sources,
            new ParallelOptions { MaxDegreeOfParallelism = options.ReplayParallelism, CancellationToken = cancellationToken },
            async (source, _) =>
            {
                var mark = await retry.Run(() => checkpointMarks.Get(source), retry.Time.GetUtcNow() + ReplayDeadline, "checkpoint mark");
                held[source] = mark;
                coverage.Learn(source, mark);
            });
        return new Dictionary<CallSource, long>(held);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest log {Path} ends in an unreadable entry at byte {Offset} ({Bytes} bytes skipped, {Entries} whole entries before it): a crash during its write; it was never acknowledged")]
    private static partial void LogTorn(ILogger logger, string path, long offset, long bytes, int entries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest log replayed: {Calls} calls, {Records} records from {Segments} segments ({Torn} torn ends skipped); versions applied those their checkpoints did not hold")]
    private static partial void LogReplayed(ILogger logger, int calls, long records, int segments, int torn);
}

/// <summary>What a replay sent: calls and records (applied or recognised as held), and torn segment ends skipped.</summary>
public sealed record ReplayTotals(int Calls, long Records, int Torn);

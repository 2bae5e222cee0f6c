namespace Monitor.Gateway.Durability;

/// <summary>
/// Keeps the log as small as the checkpoints allow: closes a segment once it is old enough, asks the versions
/// that closed segments wait for how far their stored checkpoints reach, and deletes the segments they all hold.
/// </summary>
public sealed partial class IngestLogTruncation(
    string directory, IngestLogWriter writer, SegmentCoverage coverage, ICheckpointMarks marks, ILogger<IngestLogTruncation> logger)
{
    /// <summary>One round; returns the segments deleted.</summary>
    public async Task<IReadOnlyList<long>> TruncateAsync(CancellationToken cancellationToken)
    {
        writer.RollIfOld();
        foreach (var source in coverage.Waiting())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                coverage.Learn(source, await marks.Get(source));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A cancelled grain call is an unreachable version too: only the gateway stopping ends the round.
                // The version is unreachable for now: its segments wait for the next round.
                LogMarkFailed(logger, ex, source.VersionKey);
            }
        }

        var covered = coverage.TakeCovered();
        foreach (var segment in covered)
        {
            File.Delete(IngestLogWriter.SegmentPath(directory, segment));
        }

        return covered;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask {Version} for its checkpoint mark; its log segments are kept")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string version);
}

namespace Monitor.Grains.Versions;

/// <summary>
/// The ingest marks of the last checkpoint that was written, as distinct from the marks applied since: a
/// gateway may drop a call from its ingest log only once the stored checkpoint holds it.
/// </summary>
public sealed partial class ModelVersionGrain : IVersionCheckpointMarkGrain
{
    private Dictionary<string, long> _checkpointMarks = new(StringComparer.Ordinal);

    public Task<long> GetCheckpointMark(string sender) =>
        Task.FromResult(_checkpointMarks.GetValueOrDefault(sender));

    // Called when the checkpoint is loaded and after each one is written: what storage now holds.
    private void RememberCheckpointMarks()
    {
        var marks = new Dictionary<string, long>(Senders.Count, StringComparer.Ordinal);
        foreach (var (sender, mark) in Senders)
        {
            marks[sender] = mark.Sequence;
        }

        _checkpointMarks = marks;
    }
}

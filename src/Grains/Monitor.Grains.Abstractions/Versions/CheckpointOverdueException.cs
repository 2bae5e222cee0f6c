namespace Monitor.Grains.Versions;

/// <summary>
/// A version refuses records while it cannot write its checkpoint (its storage is unreachable), so a
/// crash can never lose more than about two checkpoint intervals of acknowledged records. Transient:
/// the gateway answers 503 and the sender retries.
/// </summary>
[GenerateSerializer, Alias("monitor.CheckpointOverdueException")]
public sealed class CheckpointOverdueException : Exception
{
    public CheckpointOverdueException()
    {
    }

    public CheckpointOverdueException(string message)
        : base(message)
    {
    }

    public CheckpointOverdueException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

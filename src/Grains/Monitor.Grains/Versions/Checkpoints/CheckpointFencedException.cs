namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// The stored checkpoint was written by another activation of the version (one that outlived its silo's
/// failure detection, or its replacement): this activation must not write it again.
/// </summary>
public sealed class CheckpointFencedException : Exception
{
    public CheckpointFencedException()
    {
    }

    public CheckpointFencedException(string message)
        : base(message)
    {
    }

    public CheckpointFencedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

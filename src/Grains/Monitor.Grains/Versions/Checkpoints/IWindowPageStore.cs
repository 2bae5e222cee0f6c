namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>Named rows of one version's checkpoint (the grain's storage; a dictionary in tests); each write replaces one row whole.</summary>
public interface IWindowPageStore
{
    /// <summary>The stored value, or null when the row does not exist.</summary>
    Task<T?> ReadAsync<T>(string name)
        where T : class;

    Task WriteAsync<T>(string name, T value)
        where T : class;
}

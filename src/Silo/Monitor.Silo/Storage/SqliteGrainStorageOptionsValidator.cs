using Orleans.Runtime;

namespace Monitor.Silo.Storage;

/// <summary>Refuses to start a silo whose SQLite grain storage is configured unusably.</summary>
internal sealed class SqliteGrainStorageOptionsValidator(SqliteGrainStorageOptions options, string name)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}': {nameof(options.Directory)} must name a directory.");
        }

        if (string.IsNullOrWhiteSpace(options.FileName))
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}': {nameof(options.FileName)} must name a file.");
        }

        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}': {nameof(options.BusyTimeout)} must not be negative.");
        }

        if (options.MaxGroupOperations < 1)
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}': {nameof(options.MaxGroupOperations)} must be at least 1.");
        }

        if (options.GrainStorageSerializer is null)
        {
            throw new OrleansConfigurationException(
                $"SQLite grain storage '{name}': no {nameof(options.GrainStorageSerializer)} could be chosen.");
        }
    }
}

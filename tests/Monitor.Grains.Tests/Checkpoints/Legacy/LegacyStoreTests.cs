using Microsoft.Extensions.Time.Testing;
using Monitor.Silo.Storage;

namespace Monitor.Grains.Tests.Checkpoints.Legacy;

/// <summary>
/// Stored versions are read after an upgrade: a store written by an earlier build (kept as test data)
/// is opened by this one and every concern's figures are there; and a store this build writes reads back
/// the same way (which is how the kept store was made).
/// </summary>
public sealed class LegacyStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-legacy-store").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_store_written_by_the_earlier_build_is_read_with_every_figure()
    {
        File.Copy(LegacyStore.CommittedFile, Path.Combine(_directory, SqliteGrainStorageOptions.DefaultFileName));

        await CheckAsync();
    }

    [Fact]
    public async Task A_store_written_by_the_build_before_packed_buckets_is_read_with_every_figure()
    {
        File.Copy(LegacyStore.PartsFile, Path.Combine(_directory, SqliteGrainStorageOptions.DefaultFileName));

        await CheckAsync();
    }

    [Fact]
    public async Task A_store_written_now_reads_back_with_every_figure()
    {
        var time = new FakeTimeProvider(LegacyStore.Start);
        var cluster = await LegacyStore.StartAsync(_directory, time);
        try
        {
            await LegacyStore.WriteAsync(cluster, time);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        if (Environment.GetEnvironmentVariable("MONITOR_LEGACY_STORE_OUT") is { Length: > 0 } output)
        {
            File.Copy(Path.Combine(_directory, SqliteGrainStorageOptions.DefaultFileName), Path.Combine(output, SqliteGrainStorageOptions.DefaultFileName), overwrite: true);
        }

        await CheckAsync();
    }

    private async Task CheckAsync()
    {
        var cluster = await LegacyStore.StartAsync(_directory, new FakeTimeProvider(LegacyStore.WrittenAt));
        try
        {
            await LegacyStore.CheckAsync(cluster.Client);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}

using Monitor.Gateway.PredictionLog;

namespace Monitor.Gateway.Tests.PredictionLog;

/// <summary>The prediction log is bounded by default: by total size and by age, the oldest files first, never the current one.</summary>
public sealed class LogRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new("monitor-retention");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_defaults_keep_ten_gigabytes_and_seven_days()
    {
        var options = new PredictionLogOptions();
        Assert.Equal(10L * 1024 * 1024 * 1024, options.MaxTotalBytes);
        Assert.Equal(TimeSpan.FromDays(7), options.MaxAge);
        Assert.Equal(new LogRetention(null, options.MaxTotalBytes, options.MaxAge), LogRetention.From(options));
    }

    [Fact]
    public void Past_the_total_size_the_oldest_files_leave_first()
    {
        var files = Enumerable.Range(0, 6).Select(i => Make(i, 1000, Now.AddMinutes(i - 10))).ToList();
        var deleted = new LogRetention(null, 3500, TimeSpan.Zero).Apply(_dir.Path, currentPath: files[^1], Now);
        Assert.Equal(3, deleted);
        Assert.Equal(files[3..], RollingLogFile.ListFiles(_dir.Path));
    }

    [Fact]
    public void Files_older_than_the_age_leave_and_the_current_file_always_stays()
    {
        var old = Make(0, 10, Now.AddDays(-9));
        var current = Make(1, 10, Now.AddDays(-8));
        var recent = Make(2, 10, Now.AddDays(-1));
        var deleted = new LogRetention(null, 0, TimeSpan.FromDays(7)).Apply(_dir.Path, current, Now);
        Assert.Equal(1, deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(current));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public void Zero_bounds_keep_everything()
    {
        for (var i = 0; i < 4; i++)
        {
            Make(i, 5000, Now.AddDays(-30));
        }

        Assert.Equal(0, new LogRetention(0, 0, TimeSpan.Zero).Apply(_dir.Path, null, Now));
        Assert.Equal(4, RollingLogFile.ListFiles(_dir.Path).Count);
    }

    private string Make(int sequence, int bytes, DateTimeOffset written)
    {
        var path = Path.Combine(_dir.Path, RollingLogFile.FileName(new DateOnly(2026, 11, 20), sequence));
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return path;
    }
}

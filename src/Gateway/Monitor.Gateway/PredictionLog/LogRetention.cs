namespace Monitor.Gateway.PredictionLog;

/// <summary>
/// How much of the prediction log is kept: at most <see cref="MaxTotalBytes"/> in all, nothing last
/// written more than <see cref="MaxAge"/> ago, and at most <see cref="RetainedFiles"/> files; the oldest
/// files go first, never the one being written. Zero (or null) turns a bound off.
/// </summary>
public sealed record LogRetention(int? RetainedFiles, long MaxTotalBytes, TimeSpan MaxAge)
{
    public static LogRetention From(PredictionLogOptions options) => new(options.RetainedFiles, options.MaxTotalBytes, options.MaxAge);

    /// <summary>Deletes the files past the bounds; returns how many were deleted.</summary>
    public int Apply(string directory, string? currentPath, DateTimeOffset now)
    {
        var files = RollingLogFile.ListFiles(directory)
            .Select(path => new FileInfo(path))
            .Where(f => f.Exists)
            .ToList();
        var total = files.Sum(f => f.Length);
        var count = files.Count;
        var oldest = MaxAge > TimeSpan.Zero ? now.UtcDateTime - MaxAge : DateTime.MinValue;
        var deleted = 0;
        foreach (var file in files)
        {
            if (string.Equals(file.FullName, currentPath, StringComparison.Ordinal))
            {
                continue;
            }

            var tooMany = RetainedFiles is > 0 && count > RetainedFiles;
            var tooLarge = MaxTotalBytes > 0 && total > MaxTotalBytes;
            var tooOld = file.LastWriteTimeUtc < oldest;
            if (!tooMany && !tooLarge && !tooOld)
            {
                // Files are oldest first: once one is within every bound, the newer ones are too, except by age.
                if (MaxAge <= TimeSpan.Zero)
                {
                    break;
                }

                continue;
            }

            var length = file.Length;
            try
            {
                file.Delete();
                total -= length;
                count--;
                deleted++;
            }
            catch (IOException)
            {
                // Retried on the next pass.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return deleted;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Gateway.PredictionLog;

/// <summary>
/// The prediction log's files: <c>predictions-YYYYMMDD-NNN.jsonl</c> in one directory, a new file per
/// UTC day and whenever the current one would pass its size limit, the oldest deleted past the
/// <see cref="LogRetention"/> bounds. A file is created on its first line, so an idle log leaves no empty
/// files. After a failed write (a full disk) <see cref="Recover"/> cuts the current file back to its last
/// whole line and goes on in the same file, rather than opening a new one per failure. Used by one thread.
/// </summary>
public sealed partial class RollingLogFile : IDisposable
{
    private const int StreamBufferBytes = 64 * 1024;

    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly LogRetention _retention;

    private FileStream? _stream;
    private DateOnly _day;
    private int _nextSequence = -1;
    private long _bytes;
    private long _flushedBytes;
    private bool _unflushed;
    private DateTimeOffset _now;

    public RollingLogFile(string directory, long maxBytes, LogRetention retention)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _directory = Path.GetFullPath(directory);
        _maxBytes = maxBytes;
        _retention = retention;
    }

    /// <summary>The file being written, or null before the first line and after disposal.</summary>
    public string? CurrentPath { get; private set; }

    /// <summary>Bytes written to the current file.</summary>
    public long CurrentBytes => _bytes;

    /// <summary>How many files this instance has opened.</summary>
    public int FilesOpened { get; private set; }

    /// <summary>True when lines were written since the last flush.</summary>
    public bool HasUnflushedData => _unflushed;

    /// <summary>The name of file <paramref name="sequence"/> of <paramref name="day"/>.</summary>
    public static string FileName(DateOnly day, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"predictions-{day:yyyyMMdd}-{sequence:D3}.jsonl");

    /// <summary>The log files in <paramref name="directory"/>, oldest first.</summary>
    public static IReadOnlyList<string> ListFiles(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(directory, "predictions-*.jsonl")
            .Select(path => (path, key: Parse(Path.GetFileName(path))))
            .Where(f => f.key is not null)
            .OrderBy(f => f.key!.Value.Day)
            .ThenBy(f => f.key!.Value.Sequence)
            .Select(f => f.path)
            .ToList();
    }

    /// <summary>Writes one whole line. <paramref name="now"/> decides the day; lines are never split across files.</summary>
    public void Write(ReadOnlySpan<byte> line, DateTimeOffset now)
    {
        _now = now;
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (_stream is null || day != _day || (_bytes > 0 && _bytes + line.Length > _maxBytes))
        {
            Roll(day);
        }

        _stream!.Write(line);
        _bytes += line.Length;
        _unflushed = true;
    }

    /// <summary>Hands buffered lines to the operating system; with <paramref name="toDisk"/>, waits until they are on disk.</summary>
    public void Flush(bool toDisk)
    {
        if (_stream is null)
        {
            return;
        }

        _stream.Flush(toDisk);
        _flushedBytes = _bytes;
        _unflushed = false;
    }

    /// <summary>Deletes the files past the retention bounds (also done on every roll).</summary>
    public int ApplyRetention(DateTimeOffset now) => _retention.Apply(_directory, CurrentPath, now);

    /// <summary>
    /// After a failed write or flush: drops what the stream still buffers, cuts the file back to its last
    /// whole line (a full disk may have taken half of one) and reopens it to go on at its end. When the file
    /// cannot be reopened, the next line opens a new one. Never throws for file-system errors.
    /// </summary>
    public void Recover()
    {
        var stream = _stream;
        var path = CurrentPath;
        _stream = null;
        _unflushed = false;
        if (stream is null || path is null)
        {
            return;
        }

        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // Its buffer could not be written either; the handle is closed all the same.
        }

        try
        {
            var reopened = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, StreamBufferBytes);
            var keep = LastLineEnd(reopened, _flushedBytes);
            reopened.SetLength(keep);
            reopened.Seek(keep, SeekOrigin.Begin);
            _stream = reopened;
            _bytes = keep;
            _flushedBytes = keep;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CurrentPath = null;
            _bytes = 0;
            _flushedBytes = 0;
        }
    }

    /// <summary>Flushes the current file to disk and closes it; the next line opens a new one.</summary>
    public void Close()
    {
        var stream = _stream;
        if (stream is null)
        {
            return;
        }

        _stream = null;
        CurrentPath = null;
        _bytes = 0;
        _flushedBytes = 0;
        _unflushed = false;
        try
        {
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            stream.Dispose();
        }
    }

    public void Dispose() => Close();

    private void Roll(DateOnly day)
    {
        Close();
        Monitor.Silo.Storage.PrivateFiles.EnsureDirectory(_directory);
        if (day != _day || _nextSequence < 0)
        {
            _day = day;
            _nextSequence = NextSequence(day);
        }

        // Never append to an existing file: a crash may have left its last line unfinished.
        while (true)
        {
            var path = Path.Combine(_directory, FileName(day, _nextSequence++));
            try
            {
                _stream = new FileStream(path, Monitor.Silo.Storage.PrivateFiles.CreateOptions(FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, StreamBufferBytes));
                CurrentPath = path;
                FilesOpened++;
                break;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer took the name; try the next.
            }
        }

        _retention.Apply(_directory, CurrentPath, _now == default ? DateTimeOffset.UtcNow : _now);
    }

    /// <summary>The offset just past the last newline at or after <paramref name="from"/> (or <paramref name="from"/> when there is none).</summary>
    private static long LastLineEnd(FileStream stream, long from)
    {
        var length = stream.Length;
        var chunk = new byte[64 * 1024];
        var end = length;
        while (end > from)
        {
            var start = Math.Max(from, end - chunk.Length);
            var count = (int)(end - start);
            stream.Seek(start, SeekOrigin.Begin);
            stream.ReadExactly(chunk, 0, count);
            var newline = Array.LastIndexOf(chunk, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                return start + newline + 1;
            }

            end = start;
        }

        return Math.Min(from, length);
    }

    private int NextSequence(DateOnly day)
    {
        var next = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory, $"predictions-{day:yyyyMMdd}-*.jsonl"))
        {
            if (Parse(Path.GetFileName(path)) is { } key && key.Day == day)
            {
                next = Math.Max(next, key.Sequence + 1);
            }
        }

        return next;
    }

    private static (DateOnly Day, int Sequence)? Parse(string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups[1].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        return (day, sequence);
    }

    [GeneratedRegex(@"^predictions-(\d{8})-(\d{3,9})\.jsonl$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}

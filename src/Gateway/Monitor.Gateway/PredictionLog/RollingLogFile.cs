using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Gateway.PredictionLog;

/// <summary>
/// The prediction log's files: <c>predictions-YYYYMMDD-NNN.jsonl</c> in one directory, a new file per
/// UTC day and whenever the current one would pass its size limit, the oldest deleted beyond a retention
/// count. A file is created on its first line, so an idle log leaves no empty files. Used by one thread.
/// </summary>
public sealed partial class RollingLogFile : IDisposable
{
    private const int StreamBufferBytes = 64 * 1024;

    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly int _retainedFiles;

    private FileStream? _stream;
    private DateOnly _day;
    private int _nextSequence = -1;
    private long _bytes;
    private bool _unflushed;

    public RollingLogFile(string directory, long maxBytes, int? retainedFiles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _directory = Path.GetFullPath(directory);
        _maxBytes = maxBytes;
        _retainedFiles = retainedFiles ?? 0;
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
        _unflushed = false;
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

        ApplyRetention();
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

    private void ApplyRetention()
    {
        if (_retainedFiles <= 0)
        {
            return;
        }

        var files = ListFiles(_directory);
        for (var i = 0; i < files.Count - _retainedFiles; i++)
        {
            if (string.Equals(files[i], CurrentPath, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                File.Delete(files[i]);
            }
            catch (IOException)
            {
                // Retried on the next roll.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
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

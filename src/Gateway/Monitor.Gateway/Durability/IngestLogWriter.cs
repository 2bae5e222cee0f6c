using System.Globalization;
using Monitor.Grains.Ingest;
using Monitor.Grains.Versions;

namespace Monitor.Gateway.Durability;

/// <summary>
/// Appends ingest calls to the current segment with group commit: the calls that arrive while a write is in
/// progress are written together by the next one (one write, and with <see cref="FsyncMode.Batch"/> one fsync,
/// for all of them), so concurrent requests share the cost and an idle log adds no wait.
/// </summary>
public sealed partial class IngestLogWriter : IIngestLog, IDisposable
{
    public const string Extension = ".wal";

    private readonly object _gate = new();
    private readonly object _fileGate = new();
    private readonly string _directory;
    private readonly IngestLogFormat _format;
    private readonly DurabilityOptions _options;
    private readonly TimeProvider _time;
    private readonly SegmentCoverage _coverage;
    private readonly ILogger _logger;
    private readonly Func<string, ISegmentFile> _openFile;
    private List<Pending> _pending = [];
    private List<Pending> _spare = [];
    private bool _writing;
    private ISegmentFile? _file;
    private long _segment;
    private DateTimeOffset _openedAt;
    private DateTimeOffset _failedUntil = DateTimeOffset.MinValue;
    private bool _unsynced;

    public IngestLogWriter(
        string directory, IngestLogFormat format, DurabilityOptions options, TimeProvider time, SegmentCoverage coverage,
        ILogger<IngestLogWriter> logger, Func<string, ISegmentFile>? openFile = null)
    {
        _directory = directory;
        _format = format;
        _options = options;
        _time = time;
        _coverage = coverage;
        _logger = logger;
        _openFile = openFile ?? (path => new SegmentFile(path));
    }

    /// <summary>Group writes so far (each one write call); fewer than the calls appended when requests share them.</summary>
    public long Writes { get; private set; }

    public long Appended { get; private set; }

    public long CurrentSegment => _segment;

    public bool IsWritable => _time.GetUtcNow() >= _failedUntil;

    public static string SegmentPath(string directory, long segment) =>
        Path.Combine(directory, segment.ToString("D12", CultureInfo.InvariantCulture) + Extension);

    /// <summary>Starts writing at a new segment numbered <paramref name="segment"/> (after every segment on disk).</summary>
    public void Open(long segment)
    {
        lock (_fileGate)
        {
            OpenSegment(segment);
        }
    }

    public Task Append(string versionKey, IngestToken token, PredictionBatch[] batches)
    {
        var pending = new Pending(_format.Encode(new IngestLogEntry(versionKey, token, batches)), new CallSource(versionKey, token.Sender), token.Sequence);
        bool start;
        lock (_gate)
        {
            _pending.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static writer => writer.WriteAll(), this, preferLocal: false);
        }

        return pending.Written.Task;
    }

    /// <summary>Closes the current segment once it is older than <see cref="DurabilityOptions.SegmentAge"/> and holds anything, so it can be truncated.</summary>
    public void RollIfOld()
    {
        lock (_fileGate)
        {
            if (_file is { Length: > 0 } && _time.GetUtcNow() - _openedAt >= _options.SegmentAge)
            {
                OpenSegment(_segment + 1);
            }
        }
    }

    /// <summary>With <see cref="FsyncMode.Interval"/>: syncs what was written since the last sync.</summary>
    public void SyncIfDue()
    {
        lock (_fileGate)
        {
            if (_unsynced && _file is not null)
            {
                _file.Sync();
                _unsynced = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_fileGate)
        {
            CloseSegment();
        }
    }

    private void WriteAll()
    {
        while (true)
        {
            List<Pending> group;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _writing = false;
                    return;
                }

                group = _pending;
                _pending = _spare;
                _spare = group;
            }

            Write(group);
            group.Clear();
        }
    }

    private void Write(List<Pending> group)
    {
        try
        {
            var total = 0;
            var pieces = new ReadOnlyMemory<byte>[group.Count];
            for (var i = 0; i < group.Count; i++)
            {
                pieces[i] = group[i].Bytes;
                total += group[i].Bytes.Length;
            }

            lock (_fileGate)
            {
                if (_file is null)
                {
                    throw new InvalidOperationException("the ingest log is not open");
                }

                if (_file.Length > 0 && _file.Length + total > _options.SegmentBytes)
                {
                    OpenSegment(_segment + 1);
                }

                _file.Append(pieces);
                if (_options.Fsync == FsyncMode.Batch)
                {
                    _file.Sync();
                }
                else
                {
                    _unsynced = true;
                }

                foreach (var pending in group)
                {
                    _coverage.Add(_segment, pending.Source, pending.Sequence);
                }

                Writes++;
                Appended += group.Count;
            }

            foreach (var pending in group)
            {
                pending.Written.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            // A write that may have half landed: the segment is not appended to again, and ingest pauses briefly.
            _failedUntil = _time.GetUtcNow() + TimeSpan.FromSeconds(1);
            LogWriteFailed(_logger, ex, _directory);
            TryReopen();
            foreach (var pending in group)
            {
                pending.Written.TrySetException(ex);
            }
        }
        finally
        {
            // Written or failed, the entries' pooled arrays go back.
            foreach (var pending in group)
            {
                pending.Entry.Dispose();
            }
        }
    }

    private void TryReopen()
    {
        try
        {
            lock (_fileGate)
            {
                OpenSegment(_segment + 1);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _file = null;
            LogWriteFailed(_logger, ex, _directory);
        }
    }

    private void OpenSegment(long segment)
    {
        CloseSegment();
        _coverage.Open(segment);
        _segment = segment;
        _file = _openFile(SegmentPath(_directory, segment));
        _openedAt = _time.GetUtcNow();
    }

    private void CloseSegment()
    {
        if (_file is null)
        {
            return;
        }

        try
        {
            if (_options.Fsync != FsyncMode.None && _unsynced)
            {
                _file.Sync();
            }
        }
        finally
        {
            _unsynced = false;
            _file.Dispose();
            _file = null;
            _coverage.Close(_segment);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write the ingest log in {Directory}; ingest is refused until it can")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);

    private sealed class Pending(EncodedEntry entry, CallSource source, long sequence)
    {
        public EncodedEntry Entry { get; } = entry;

        public ReadOnlyMemory<byte> Bytes => Entry.Bytes;

        public CallSource Source { get; } = source;

        public long Sequence { get; } = sequence;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

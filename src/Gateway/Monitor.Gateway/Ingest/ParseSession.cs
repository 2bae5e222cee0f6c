using System.Runtime.InteropServices;
using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// The mutable state of parsing one request: interned names, records staged row-wise, per-version
/// groups and the rejections. One instance is kept per thread and reused, so steady-state parsing
/// allocates only what the produced batches and error messages need.
/// </summary>
internal sealed class ParseSession : IRecordReader
{
    /// <summary>A session that grew beyond this (a huge request) is dropped instead of kept for reuse.</summary>
    private const int MaxRetainedBytes = 8 * 1024 * 1024;

    /// <summary>The unknown error type recorded when status is "error" without a type.</summary>
    private const string UnknownErrorType = "unknown";

    [ThreadStatic] private static ParseSession? _cached;

    private readonly List<VersionGroup> _groups = [];
    private readonly Dictionary<long, int> _groupIndex = [];
    private readonly RejectionLog _rejections = new();
    private StagedRecord[] _records = new StagedRecord[16];
    private readonly UnescapeBuffer _unescape = new();
    private StagedFeature[] _cells = new StagedFeature[64];
    private PendingRecord _pending;
    private int _groupCount;
    private int _lastGroup;
    private int _recordSerial;
    private string? _errorMessage;
    private RejectionReason _errorReason;
    private readonly Dictionary<long, int> _nonFiniteByVersion = [];

    public IngestLimits Limits { get; private set; } = new();

    public long NowMs { get; private set; }
    public long MinTimestampMs { get; private set; }
    public long MaxTimestampMs { get; private set; }

    public FeatureNameTable Features { get; } = new();

    public Utf8Interner FeatureNames => Features.Names;

    /// <summary>Model and version names share one table: the group key is the pair of ids.</summary>
    public Utf8Interner VersionNames { get; } = new();

    public int PreviousModelId { get; set; }
    public int PreviousVersionId { get; set; }

    public IngestFailure? Failure { get; set; }

    /// <summary>The model and version ids of the record being read, once read (-1 before).</summary>
    public int CurrentModelId { get; set; } = -1;

    public int CurrentVersionId { get; set; } = -1;

    /// <summary>Whether the record being read is refused for a NaN or infinite value.</summary>
    public bool NonFinite { get; private set; }

    /// <summary>Where the reader is within the record, to name the field when the JSON breaks there.</summary>
    public RecordField CurrentField { get; set; }

    public int CurrentFeature { get; set; }

    public int RecordCount { get; private set; }

    public int CellCount { get; private set; }

    public int PendingCellStart { get; private set; }

    public ReadOnlySpan<StagedRecord> Records => _records.AsSpan(0, RecordCount);

    public ReadOnlySpan<StagedFeature> Cells => _cells.AsSpan(0, CellCount);

    public ReadOnlySpan<VersionGroup> Groups => CollectionsMarshal.AsSpan(_groups)[.._groupCount];

    public static ParseSession Rent(IngestLimits limits, long nowMs)
    {
        var session = _cached ?? new ParseSession();
        _cached = null;
        session.Begin(limits, nowMs);
        return session;
    }

    public static void Return(ParseSession session)
    {
        session.ReleaseReferences();
        if (session.FootprintBytes <= MaxRetainedBytes)
        {
            _cached = session;
        }
    }

    /// <summary>Discards everything staged (not the interned names): the tolerant pass starts over.</summary>
    public void Restart()
    {
        RecordCount = 0;
        CellCount = 0;
        PendingCellStart = 0;
        _groupCount = 0;
        _groupIndex.Clear();
        _lastGroup = -1;
        _rejections.Clear();
        _nonFiniteByVersion.Clear();
        _errorMessage = null;
        PreviousModelId = -1;
        PreviousVersionId = -1;
    }

    public void BeginRecord()
    {
        _recordSerial++;
        PendingCellStart = CellCount;
        _errorMessage = null;
        CurrentField = RecordField.None;
        CurrentFeature = -1;
        CurrentModelId = -1;
        CurrentVersionId = -1;
        NonFinite = false;
    }

    /// <summary>Refuses the current record for a NaN or infinite value, which is also counted for its version.</summary>
    public bool FailNonFinite(string message)
    {
        if (_errorMessage is null)
        {
            NonFinite = true;
        }

        return Fail(RejectionReason.InvalidValue, message);
    }

    /// <summary>Records why the current record is refused (the first reason wins) and returns false.</summary>
    public bool Fail(RejectionReason reason, string message)
    {
        if (_errorMessage is null)
        {
            _errorMessage = message;
            _errorReason = reason;
        }

        return false;
    }

    /// <summary>The path of the field being read, e.g. "latency_ms" or "features.amount".</summary>
    public string FieldPath() =>
        CurrentField == RecordField.Features && CurrentFeature >= 0
            ? FeaturePath(CurrentFeature)
            : RecordFields.Name(CurrentField);

    public string FeaturePath(int nameId) => "features." + ValueText.Name(FeatureNames.Bytes(nameId));

    public ref StagedFeature AddCell()
    {
        if (CellCount == _cells.Length)
        {
            Array.Resize(ref _cells, _cells.Length * 2);
        }

        return ref _cells[CellCount++];
    }

    /// <summary>False when the feature already appeared in the current record.</summary>
    public bool MarkFeatureSeen(int nameId) => Features.MarkSeen(nameId, _recordSerial);

    /// <summary>The id of an already validated model or version name.</summary>
    public int InternVersionName(ReadOnlySpan<byte> name)
    {
        var id = VersionNames.GetOrAdd(name, out var added, out var hash);
        if (added)
        {
            VersionNames.SetInfo(id, Utf8StringCache.Shared.GetOrAdd(name, hash), NameStatus.Valid);
        }

        return id;
    }

    /// <summary>The string value at the reader as unescaped UTF-8; false on an unpaired surrogate escape.</summary>
    public bool TryUnescape(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value) => _unescape.TryUnescape(ref reader, out value);

    public bool Read(ref Utf8JsonReader reader) => RecordParser.Parse(ref reader, this, out _pending);

    public void Accept(int index) => Commit(ref _pending, index);

    /// <summary>Accepts the record read last, or refuses it when a rule spanning several fields fails.</summary>
    private void Commit(ref PendingRecord record, int index)
    {
        if (!Validate(ref record))
        {
            Reject(index);
            return;
        }

        var groupIndex = ResolveGroup(record.ModelId, record.VersionId);
        var group = _groups[groupIndex];
        var cellCount = CellCount - PendingCellStart;
        if (cellCount > 0 && !group.TryAssignColumns(_cells.AsSpan(PendingCellStart, cellCount), Limits.MaxDistinctFeaturesPerVersion))
        {
            Fail(
                RejectionReason.LimitExceeded,
                $"features: the records of {group.Model}/{group.Version} in this request name more than {Limits.MaxDistinctFeaturesPerVersion} distinct features; keep the feature set stable or split the request");
            Reject(index);
            return;
        }

        if (RecordCount == _records.Length)
        {
            Array.Resize(ref _records, _records.Length * 2);
        }

        group.HasLabels |= record.PredictionLabel is not null;
        _records[RecordCount++] = new StagedRecord
        {
            Group = groupIndex,
            Index = index,
            Row = group.Rows++,
            TimestampMs = record.HasTimestamp ? record.TimestampMs : NowMs,
            LatencyMs = record.LatencyMs,
            Confidence = record.Confidence,
            PredictionNumber = record.PredictionNumber,
            PredictionLabel = record.PredictionLabel,
            ErrorType = record.Status == RecordStatus.Error ? record.ErrorType ?? UnknownErrorType : null,
            Id = record.Id,
            CellStart = PendingCellStart,
            CellCount = cellCount,
            Succeeded = record.Status == RecordStatus.Success,
        };
        PendingCellStart = CellCount;
    }

    /// <summary>Refuses the record read last with the reason given to <see cref="Fail"/>.</summary>
    public void Reject(int index)
    {
        CellCount = PendingCellStart;
        if (NonFinite && CurrentModelId >= 0 && CurrentVersionId >= 0)
        {
            var key = ((long)CurrentModelId << 32) | (uint)CurrentVersionId;
            _nonFiniteByVersion[key] = _nonFiniteByVersion.GetValueOrDefault(key) + 1;
        }

        Count(index, _errorReason, _errorMessage ?? "record: invalid");
    }

    /// <summary>Refuses an element that could not be read as a record at all.</summary>
    public void Reject(int index, RejectionReason reason, string message)
    {
        CellCount = PendingCellStart;
        Count(index, reason, message);
    }

    /// <summary>Refuses the record whose JSON broke; a reason found before the break takes precedence.</summary>
    public void RejectBrokenJson(int index, JsonException exception, ReadOnlySpan<byte> element, long bytesConsumed)
    {
        if (_errorMessage is null)
        {
            var (reason, message) = JsonErrors.Describe(exception, element, bytesConsumed, FieldPath());
            Fail(reason, message);
            NonFinite = JsonErrors.IsNonFiniteAt(element, bytesConsumed);
        }

        Reject(index);
    }

    public IngestResult ToResult()
    {
        if (Failure is not null)
        {
            return IngestResult.Failed(Failure);
        }

        var (batches, indices) = BatchBuilder.Build(this);
        var nonFinite = new List<VersionRefusals>(_nonFiniteByVersion.Count);
        foreach (var (key, count) in _nonFiniteByVersion)
        {
            nonFinite.Add(new VersionRefusals(VersionNames.Value((int)(key >> 32))!, VersionNames.Value((int)key)!, count));
        }

        return new IngestResult(
            batches,
            indices,
            RecordCount,
            _rejections.Count,
            _rejections.TakeErrors(),
            _rejections.CountsByReason(),
            null,
            nonFinite);
    }

    private bool Validate(ref PendingRecord record)
    {
        if (record.ModelId < 0)
        {
            return Fail(RejectionReason.MissingField, "model: required field is missing");
        }

        if (record.VersionId < 0)
        {
            return Fail(RejectionReason.MissingField, "version: required field is missing");
        }

        if (!record.HasLatency)
        {
            return Fail(RejectionReason.MissingField, "latency_ms: required field is missing");
        }

        if (record.Status == RecordStatus.Missing)
        {
            return Fail(RejectionReason.MissingField, "status: required field is missing (\"success\" or \"error\")");
        }

        if (record.Status == RecordStatus.Success && record.ErrorType is not null)
        {
            return Fail(
                RejectionReason.InvalidValue,
                $"error: must be null or absent when status is \"success\", got \"{record.ErrorType}\"; send status \"error\" for a failed prediction");
        }

        return true;
    }

    private int ResolveGroup(int modelId, int versionId)
    {
        if (_lastGroup >= 0)
        {
            var last = _groups[_lastGroup];
            if (last.ModelId == modelId && last.VersionId == versionId)
            {
                return _lastGroup;
            }
        }

        var key = ((long)modelId << 32) | (uint)versionId;
        if (!_groupIndex.TryGetValue(key, out var index))
        {
            index = _groupCount++;
            if (index == _groups.Count)
            {
                _groups.Add(new VersionGroup());
            }

            _groups[index].Reset(modelId, versionId, VersionNames.Value(modelId)!, VersionNames.Value(versionId)!);
            _groupIndex.Add(key, index);
        }

        _lastGroup = index;
        return index;
    }

    private void Count(int index, RejectionReason reason, string message)
    {
        _rejections.Add(index, reason, message, Limits.MaxReportedErrors);
        _errorMessage = null;
    }

    private void Begin(IngestLimits limits, long nowMs)
    {
        Limits = limits;
        NowMs = nowMs;
        MaxTimestampMs = nowMs + (long)limits.MaxFutureSkew.TotalMilliseconds;
        MinTimestampMs = nowMs - (long)limits.MaxTimestampAge.TotalMilliseconds;
        _recordSerial = 0;
        Failure = null;
        Restart();
    }

    /// <summary>Drops references to strings of the last request so a pooled session keeps nothing alive.</summary>
    private void ReleaseReferences()
    {
        Features.Clear();
        VersionNames.Clear();
        Array.Clear(_records, 0, RecordCount);
        Array.Clear(_cells, 0, CellCount);
        _rejections.Clear();
        Failure = null;
        for (var i = 0; i < _groupCount; i++)
        {
            _groups[i].Reset(-1, -1, "", "");
        }
    }

    private long FootprintBytes =>
        ((long)_records.Length * 80) + ((long)_cells.Length * 32) + Features.FootprintBytes + VersionNames.FootprintBytes + _unescape.Length;
}

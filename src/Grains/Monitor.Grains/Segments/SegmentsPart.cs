using Monitor.Grains.Drift;
using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;
using Monitor.Grains.RuleInputs;
using Monitor.Grains.Versions.Checkpoints;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Segments;

/// <summary>
/// The version's segments: its settings and captured segment references (state "segments"), each key's book of
/// segment buckets (checkpoint pages "segments.key", one slot per key), the segments' summaries, time series,
/// drift and health on demand, and their drift evaluated on a timer for alert rules and /metrics. Labels joined to
/// a segment's predictions count in the segment's buckets too (<see cref="SegmentJoins"/>).
/// </summary>
public sealed class SegmentsPart(WindowPart windows, DriftPart drift, OutcomesPart outcomes) : VersionPart
{
    public const string PartName = "segments";
    public const string KeyPages = "segments.key";

    private readonly SegmentDrift _drift = new();
    private readonly Dictionary<string, VersionDriftReport> _reports = new(StringComparer.Ordinal);
    private VersionPartContext _context = null!;
    private SegmentOptions _options = null!;
    private PartState<SegmentsState> _state = null!;
    private List<SegmentKeyBook> _books = [];
    private SegmentMetrics _metrics = null!;
    private SegmentExposition _series = null!;

    public override string Name => PartName;

    public override IVersionMetrics? Metrics => _metrics;

    public SegmentSettings Settings => _state.Value.Settings;

    /// <summary>The latest timer evaluation per segment ("country:DE"), for rules and series.</summary>
    public IReadOnlyDictionary<string, VersionDriftReport> Reports => _reports;

    private long WidthMs => (long)_options.BucketWidth.TotalMilliseconds;

    private long OldestMs => _context.NowMs - (long)_options.Span.TotalMilliseconds;

    public override async Task ActivateAsync(VersionPartContext context, CancellationToken cancellationToken)
    {
        _context = context;
        _options = context.Options<SegmentOptions>();
        _state = await context.State<SegmentsState>(PartName).ReadAsync();
        var keys = Settings.Keys;
        var pages = await Task.WhenAll(Enumerable.Range(0, keys.Count).Select(slot => context.Checkpoint.ReadAsync<SegmentKeyPage>(KeyPages, slot)));
        _books = [.. keys.Select((key, slot) => pages[slot] is { } page && page.Key == key
            ? SegmentKeyBook.FromPage(page, Settings.TopK, WidthMs)
            : new SegmentKeyBook(key, Settings.TopK, WidthMs))];
        _metrics = new SegmentMetrics(this);
        _series = new SegmentExposition(context.Model, context.Version, _options.MaxSeriesPerNode);
        outcomes.Outcomes.Segments = new SegmentJoins(() => _books, () => OldestMs);
        context.RegisterTimer(EvaluateOnTimer, _options.EvaluationInterval);
    }

    /// <summary>On ingest: each record into the bucket of its value of each key.</summary>
    public override void Ingest(PredictionBatch batch, long nowMs)
    {
        if (_books.Count == 0)
        {
            return;
        }

        var oldest = nowMs - (long)_options.Span.TotalMilliseconds;
        var low = windows.Options.LowConfidenceThreshold;
        var classes = SegmentEstimates.PredictedClasses(batch, windows.Window.IsRegression);
        foreach (var book in _books)
        {
            var values = SegmentValues.All(SegmentValues.Column(batch, book.Key), batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                book.Add(values[i], batch.TimestampsMs[i], oldest, batch.LatenciesMs[i], batch.Succeeded[i], batch.Confidences[i], low, classes?[i]);
            }
        }
    }

    /// <summary>Part of the checkpoint: the page of each key that took records since the last one.</summary>
    public override void Checkpoint(CheckpointWrites writes)
    {
        var oldest = OldestMs;
        for (var slot = 0; slot < _books.Count; slot++)
        {
            var book = _books[slot];
            if (!book.Changed)
            {
                continue;
            }

            book.Prune(oldest);
            writes.Page(KeyPages, slot, book.ToPage());
            book.Changed = false;
            writes.OnNotCommitted(() => book.Changed = true);
        }
    }

    public override Task DeactivatingAsync(CancellationToken cancellationToken)
    {
        _series.Remove();
        return Task.CompletedTask;
    }

    public async Task<SegmentSettingsChange> SetSettings(SegmentSettings settings)
    {
        var problems = SegmentSettingsRules.Check(settings, _options);
        if (problems.Count > 0)
        {
            return new SegmentSettingsChange { Problems = problems };
        }

        var canonical = new SegmentSettings { Keys = settings.Keys.ToArray(), TopK = settings.TopK };
        var kept = _books.ToDictionary(b => b.Key, StringComparer.Ordinal);
        var books = canonical.Keys.Select(key => kept.TryGetValue(key, out var book)
            ? book.TopK == canonical.TopK ? book : SegmentKeyBook.FromPage(book.ToPage(), canonical.TopK, WidthMs)
            : new SegmentKeyBook(key, canonical.TopK, WidthMs)).ToList();
        var state = _state.Value;
        var previous = (state.Settings, state.Captured);
        state.Settings = canonical;
        state.Captured = state.Captured.Where(c => SegmentName.Parse(c.Key) is { } name && canonical.Keys.Contains(name.Key))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        try
        {
            await _state.WriteAsync();
        }
        catch
        {
            (state.Settings, state.Captured) = previous;
            throw;
        }

        // Slots follow the order of the keys: every page is written again with the next checkpoint. A key that moved
        // to another slot has another byte of the join index's cells: its cells start afresh.
        for (var slot = 0; slot < books.Count; slot++)
        {
            if (_books.FindIndex(b => b.Key == books[slot].Key) != slot)
            {
                books[slot].Cells = new SegmentCells();
            }
        }

        foreach (var book in books)
        {
            book.Changed = true;
            _drift.Forget(book.Key);
        }

        _books = books;
        _reports.Clear();
        _series.Remove();
        _context.Host.Changed();
        return new SegmentSettingsChange { Settings = canonical };
    }

    /// <summary>Why the version cannot answer for a segment, or null when it tracks it.</summary>
    public FieldProblem? Check(SegmentName segment)
    {
        var book = Book(segment.Key);
        if (book is null)
        {
            var keys = Settings.Keys.Count == 0 ? "it declares none (PUT .../segments)" : $"its keys are {string.Join(", ", Settings.Keys)}";
            return new FieldProblem("segment", $"'{segment.Key}' is not a segment key of {_context.Model}/{_context.Version}; {keys}");
        }

        if (segment.IsOther || book.IsTop(segment.Value))
        {
            return null;
        }

        var top = book.Top();
        var listed = string.Join(", ", top.Take(10).Select(h => $"{segment.Key}:{h.Value}"));
        return new FieldProblem("segment", $"'{segment}' is not among the top {book.TopK} values of {segment.Key} by traffic; its segments are {(top.Count == 0 ? "none yet" : listed)}{(top.Count > 10 ? ", ..." : "")} and {segment.Key}:other");
    }

    public SegmentSummary Summary(SegmentName segment, int minutes)
    {
        var book = Book(segment.Key)!;
        var now = _context.NowMs;
        var from = Math.Max(now - (minutes * 60_000L), OldestMs);
        return SegmentFigures.Summary(_context.Model, _context.Version, segment, book.Series(segment.Value) ?? new SegmentSeries(), book.CountSince(from), from, now, outcomes.Outcomes);
    }

    /// <summary>The version's side of a comparison restricted to the segment (its drift verdict set by the caller).</summary>
    public VersionSample Sample(SegmentName segment, int minutes)
    {
        var now = _context.NowMs;
        var from = Math.Max(now - (minutes * 60_000L), OldestMs);
        var total = (Book(segment.Key)!.Series(segment.Value) ?? new SegmentSeries()).Total(from);
        return SegmentSampler.Sample(_context.Version, total, outcomes.Outcomes, from, now);
    }

    public SegmentTimeSeries TimeSeries(SegmentName segment, int minutes, int stepSeconds)
    {
        var now = _context.NowMs;
        var from = Math.Max(now - (minutes * 60_000L), OldestMs);
        var step = Math.Max(WidthMs, (long)Math.Ceiling(stepSeconds * 1000.0 / WidthMs) * WidthMs);
        return SegmentFigures.TimeSeries(_context.Model, _context.Version, segment, Book(segment.Key)!.Series(segment.Value) ?? new SegmentSeries(), from, now, step);
    }

    /// <summary>The segment's drift now; null when the version has no reference or the segment has no reference of its own yet.</summary>
    public VersionDriftReport? Drift(SegmentName segment)
    {
        var inSegment = Membership(segment);
        var reference = _drift.ReferenceFor(segment, inSegment, drift.ReferenceData, _state.Value.Captured.GetValueOrDefault(segment.ToString()));
        return reference is { } found
            ? SegmentDrift.Evaluate(_context.Model, _context.Version, segment, inSegment, found, drift.Settings, windows.Window.Recent.Batches, windows.Options.FeatureWindow, _context.Time.GetUtcNow())
            : null;
    }

    /// <summary>The segment's drift now, its own reference captured first if it needs one and has enough records.</summary>
    public async Task<VersionDriftReport?> DriftAsync(SegmentName segment)
    {
        await CaptureMissingAsync([segment]);
        return Drift(segment);
    }

    public async Task<SegmentListing> ListingAsync(int minutes)
    {
        var segments = Segments().ToList();
        await CaptureMissingAsync(segments);
        var health = new List<SegmentHealth>();
        foreach (var segment in segments)
        {
            health.Add(SegmentFigures.Health(Summary(segment, minutes), segment, Drift(segment), drift.ReferenceData is not null));
        }

        health.Sort(static (a, b) => a.Severity != b.Severity ? b.Severity.CompareTo(a.Severity) : b.TotalRequests.CompareTo(a.TotalRequests));
        return new SegmentListing { Model = _context.Model, Version = _context.Version, Settings = Settings, Segments = health };
    }

    /// <summary>The width of the segments' buckets, for the hourly history.</summary>
    public long BucketWidthMs => WidthMs;

    /// <summary>Every segment's buckets held now, for the hourly history to count per hour.</summary>
    public IEnumerable<(SegmentName Segment, SegmentBucket Bucket)> HeldBuckets() =>
        Segments().SelectMany(s => (Book(s.Key)!.Series(s.Value)?.Buckets ?? []).Select(b => (s, b)));

    /// <summary>Every segment: each key's top K values, then its "other".</summary>
    public IEnumerable<SegmentName> Segments()
    {
        foreach (var book in _books)
        {
            foreach (var hitter in book.Top())
            {
                yield return new SegmentName(book.Key, hitter.Value);
            }

            yield return new SegmentName(book.Key, SegmentName.Other);
        }
    }

    /// <summary>The timer: captures the references segments lack, evaluates every segment's drift and publishes the segments' series.</summary>
    private async Task EvaluateOnTimer(CancellationToken cancellationToken)
    {
        var segments = Segments().ToList();
        await CaptureMissingAsync(segments);
        _reports.Clear();
        var published = new List<(SegmentName, SegmentSummary, VersionDriftReport?)>(segments.Count);
        var lastBucket = Math.Max(1, (int)Math.Ceiling(_options.BucketWidth.TotalMinutes));
        foreach (var segment in segments)
        {
            var report = Drift(segment);
            if (report is not null)
            {
                _reports[segment.ToString()] = report;
            }

            published.Add((segment, Summary(segment, lastBucket), report));
        }

        _series.Publish(published);
    }

    /// <summary>
    /// Takes the first records of each segment that has no reference (the version's has no rows of it) as its own,
    /// once the version's recent records hold enough of them, and stores them with the part's state.
    /// </summary>
    private async Task CaptureMissingAsync(IReadOnlyList<SegmentName> segments)
    {
        if (drift.ReferenceData is not { } reference)
        {
            return;
        }

        var captured = _state.Value.Captured;
        var added = new List<string>();
        foreach (var segment in segments)
        {
            var name = segment.ToString();
            var inSegment = Membership(segment);
            if (_drift.ReferenceFor(segment, inSegment, reference, captured.GetValueOrDefault(name)) is null
                && SegmentDrift.Capture(segment, inSegment, windows.Window.Recent.Batches, _options.CaptureRecords, reference, _context.NowMs) is { } own)
            {
                captured[name] = own;
                added.Add(name);
            }
        }

        if (added.Count == 0)
        {
            return;
        }

        try
        {
            await _state.WriteAsync();
        }
        catch
        {
            // Not stored: not taken either, so the next evaluation captures again.
            added.ForEach(name => captured.Remove(name));
            throw;
        }
    }

    private SegmentKeyBook? Book(string key) => _books.FirstOrDefault(b => string.Equals(b.Key, key, StringComparison.Ordinal));

    private Func<string?, bool> Membership(SegmentName segment)
    {
        if (!segment.IsOther)
        {
            var value = segment.Value;
            return v => string.Equals(v, value, StringComparison.Ordinal);
        }

        var top = Book(segment.Key)?.Top().Select(h => h.Value).ToHashSet(StringComparer.Ordinal) ?? [];
        return v => v is null || !top.Contains(v);
    }
}

using Monitor.Grains.History;
using Monitor.Grains.Outcomes.Comparison;

namespace Monitor.Grains.Versions;

/// <summary>The version's hourly history, read from its monthly states by the part that writes them.</summary>
public sealed partial class ModelVersionGrain : IVersionHistoryGrain
{
    public Task<IReadOnlyList<TimeSeriesPoint>> GetHours(DateTimeOffset from, DateTimeOffset to) => _parts.History.HoursAsync(from, to);

    public async Task<VersionPeriod> GetPeriod(DateTimeOffset from)
    {
        var period = await _parts.History.PeriodAsync(from);
        return period with { Sample = period.Sample with { Drift = ComparisonDrift.Verdict(_parts.Drift.Evaluate()) } };
    }

    public Task<IReadOnlyList<SegmentPeriod>> GetSegmentPeriod(DateTimeOffset from) => _parts.History.SegmentPeriodAsync(from);
}

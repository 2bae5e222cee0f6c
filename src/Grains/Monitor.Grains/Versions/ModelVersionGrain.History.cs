using Monitor.Grains.History;

namespace Monitor.Grains.Versions;

/// <summary>The version's hourly history, read from its monthly states by the part that writes them.</summary>
public sealed partial class ModelVersionGrain : IVersionHistoryGrain
{
    public Task<IReadOnlyList<TimeSeriesPoint>> GetHours(DateTimeOffset from, DateTimeOffset to) => _parts.History.HoursAsync(from, to);
}

using Monitor.Grains.History;
using Monitor.Grains.Models;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Comparison;
using Monitor.Grains.Versions;

namespace Monitor.Grains.Reports;

/// <summary>
/// The versions' figures over a review's period past the windows, each asked once: a version's summary and its side of
/// the A/B comparison come from the same hourly sums.
/// </summary>
internal sealed class PeriodLoads(IGrainFactory grains, string model, DateTimeOffset from)
{
    private readonly Dictionary<string, Task<VersionPeriod>> _periods = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<VersionPeriod> Of(string version)
    {
        lock (_lock)
        {
            if (!_periods.TryGetValue(version, out var period))
            {
                period = History(version).GetPeriod(from);
                _periods[version] = period;
            }

            return period;
        }
    }

    public Task<IReadOnlyList<SegmentPeriod>> SegmentsAsync(string version) => History(version).GetSegmentPeriod(from);

    /// <summary>The champion against each other version over the period, from their hourly sums.</summary>
    public async Task<(ModelComparison?, string?)> CompareAsync(IModelGrain grain, IReadOnlyList<string> versions, string? version, int minutes)
    {
        var all = version is null ? versions : await grain.GetVersions();
        if (all.Count < 2)
        {
            return (null, $"Model '{model}' has one version: there is nothing to compare.");
        }

        if (await grain.GetChampion() is not { } champion)
        {
            return (null, $"Model '{model}' has no champion: name one with PUT /v1/models/{model}/champion to compare the others with it.");
        }

        var challengers = all.Where(v => v != champion && (version is null || version == champion || v == version)).ToList();
        var championSample = (await Of(champion)).Sample;
        var comparisons = new List<VersionComparison>(challengers.Count);
        foreach (var challenger in challengers)
        {
            comparisons.Add(VersionComparer.Compare(championSample, (await Of(challenger)).Sample));
        }

        return (new ModelComparison { Model = model, Minutes = minutes, Champion = champion, Comparisons = comparisons }, null);
    }

    private IVersionHistoryGrain History(string version) => grains.GetGrain<IVersionHistoryGrain>(VersionKey.Of(model, version));
}

using Microsoft.Extensions.Options;

namespace Monitor.Grains.Alerting;

/// <summary>
/// The per-silo cache of rules, channels, routes and silences that every alerting grain reads. It asks
/// the three configuration grains at most once per <see cref="AlertingOptions.ConfigRefresh"/>, and
/// only for what changed since, so no single grain sees a call per version per evaluation.
/// </summary>
public sealed class AlertingSnapshotSource(IGrainFactory grains, TimeProvider time, IOptions<AlertingOptions> options)
{
    private readonly object _gate = new();
    private AlertingSnapshot? _current;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private Task<AlertingSnapshot>? _refreshing;

    public Task<AlertingSnapshot> GetAsync()
    {
        lock (_gate)
        {
            if (_current is not null && time.GetUtcNow() - _fetchedAt < options.Value.ConfigRefresh)
            {
                return Task.FromResult(_current);
            }

            var refreshing = _refreshing ??= RefreshAsync();
            if (refreshing.IsCompleted)
            {
                _refreshing = null;
            }

            return refreshing;
        }
    }

    private async Task<AlertingSnapshot> RefreshAsync()
    {
        try
        {
            var started = time.GetUtcNow();
            var current = _current;
            var rules = grains.GetGrain<IAlertRulesGrain>(0).GetIfChanged(current?.Rules.Version ?? -1);
            var config = grains.GetGrain<IAlertingConfigGrain>(0).GetIfChanged(current?.Config.Version ?? -1);
            var silences = grains.GetGrain<ISilencesGrain>(0).GetIfChanged(current?.Silences.Version ?? -1);
            var next = new AlertingSnapshot(
                await rules.ConfigureAwait(false) ?? current!.Rules,
                await config.ConfigureAwait(false) ?? current!.Config,
                await silences.ConfigureAwait(false) ?? current!.Silences);
            lock (_gate)
            {
                _current = next;
                _fetchedAt = started;
            }

            return next;
        }
        finally
        {
            lock (_gate)
            {
                _refreshing = null;
            }
        }
    }
}

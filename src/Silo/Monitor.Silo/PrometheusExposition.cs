using Prometheus;

namespace Monitor.Silo;

/// <summary>
/// What /metrics exports besides Monitor's own families: prometheus-net's process and .NET collectors
/// (CPU, memory, GC), the GC's heap sizes (<see cref="GcMemoryMetrics"/>) and the meters of Orleans
/// and Monitor. Other meters are left out: some bring unbounded or lint-failing names (System.Runtime's "*_count" gauges, QUIC internals) and the
/// exposition must pass <c>promtool check metrics</c>.
/// </summary>
public static class PrometheusExposition
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressEventCounters = true,
            SuppressDebugMetrics = true,
        });
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = instrument =>
            instrument.Meter.Name == "Microsoft.Orleans" || instrument.Meter.Name.StartsWith("Monitor.", StringComparison.Ordinal));
        GcMemoryMetrics.Register(Metrics.DefaultRegistry);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Monitor.Silo;

/// <summary>A standalone silo for cluster mode; the gateway co-hosts the same silo in single-node mode.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.UseOrleans(silo => silo.AddMonitorSilo(builder.Configuration));

        var metricsPort = builder.Configuration.GetValue("Monitor:Silo:MetricsPort", 9464);
        if (metricsPort > 0)
        {
            builder.Services.AddMetricServer(o => o.Port = (ushort)metricsPort);
        }

        await builder.Build().RunAsync();
    }
}

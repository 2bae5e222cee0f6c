using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Monitor.Silo;

/// <summary>A standalone silo for cluster mode; the gateway co-hosts the same silo in single-node mode.</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);

        // Quiet defaults for Orleans' own logs; any configuration source can still override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Orleans"] = "Warning",
                ["Logging:LogLevel:Microsoft.Orleans"] = "Warning",

                // Polly logs every successful placement attempt at Information; its retries still show as warnings.
                ["Logging:LogLevel:Polly"] = "Warning",
            },
        });
        builder.UseOrleans(silo => silo.AddMonitorSilo(builder.Configuration));

        // Prometheus scrapes each silo here (Orleans and Monitor meters, process and GC figures). Loopback by
        // default: the figures name hosts, grains and call rates, so another interface is a deliberate choice.
        var metricsPort = builder.Configuration.GetValue("Monitor:Silo:MetricsPort", 9464);
        if (metricsPort > 0)
        {
            var hostname = builder.Configuration.GetValue("Monitor:Silo:MetricsHost", "127.0.0.1")!;

            // The listener matches requests by host name, so "every interface" is its wildcard, not an address.
            hostname = hostname is "0.0.0.0" or "*" or "::" ? "+" : hostname;
            builder.Services.AddMetricServer(o =>
            {
                o.Hostname = hostname;
                o.Port = (ushort)metricsPort;
            });
        }

        await builder.Build().RunAsync();
    }
}

using Microsoft.Extensions.Configuration;
using Monitor.Silo;
using Microsoft.Extensions.Hosting;
using Prometheus;

// A standalone silo for cluster mode; the gateway co-hosts one of these in single-node mode.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddMonitorSilo(builder.Configuration));

var metricsPort = builder.Configuration.GetValue("Monitor:Silo:MetricsPort", 9464);
if (metricsPort > 0)
{
    builder.Services.AddMetricServer(o => o.Port = (ushort)metricsPort);
}

await builder.Build().RunAsync();

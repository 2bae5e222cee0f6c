using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Testing;

/// <summary>
/// The real gateway with its co-hosted silo, in memory: its own silo ports and its own data
/// directory, so several can run side by side and a second one can reopen the first one's data.
/// </summary>
public sealed class MonitorFactory : WebApplicationFactory<Monitor.Gateway.GatewayProgram>
{
    private readonly Action<IServiceCollection>? _services;

    public MonitorFactory()
        : this(null, null, null)
    {
    }

    private MonitorFactory(string? dataDirectory, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        _services = services;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("monitor-api-").FullName;
        Settings = new Dictionary<string, string?>
        {
            ["Monitor:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["Monitor:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["Monitor:Storage:Directory"] = DataDirectory,
            ["Monitor:PredictionLog:Directory"] = Path.Combine(DataDirectory, "predictions"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    /// <summary>
    /// A node on the given data directory (e.g. a previous node's, to test a restart) and settings;
    /// <paramref name="services"/> replaces services after the gateway's own (a fake clock, a log capture).
    /// </summary>
    public static MonitorFactory With(string? dataDirectory = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        new(dataDirectory, settings, services);

    public string DataDirectory { get; }

    public Dictionary<string, string?> Settings { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Gateway.PredictionLog;

namespace Monitor.Gateway.Tests.PredictionLog;

public sealed class PredictionLogRegistrationTests : IDisposable
{
    private readonly TempDirectory _dir = new("monitor-predlog-host");

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Options_bind_from_the_monitor_prediction_log_section()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPredictionLog(Configuration(new()
        {
            ["Monitor:PredictionLog:Directory"] = "/var/lib/monitor/predictions",
            ["Monitor:PredictionLog:MaxFileBytes"] = "1048576",
            ["Monitor:PredictionLog:FlushInterval"] = "00:00:02.500",
            ["Monitor:PredictionLog:RetainedFiles"] = "30",
            ["Monitor:PredictionLog:Enabled"] = "false",
            ["Monitor:PredictionLog:MaxPendingRecords"] = "5000",
        }));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PredictionLogOptions>>().Value;
        Assert.Equal("/var/lib/monitor/predictions", options.Directory);
        Assert.Equal(1_048_576, options.MaxFileBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.FlushInterval);
        Assert.Equal(30, options.RetainedFiles);
        Assert.False(options.Enabled);
        Assert.Equal(5000, options.MaxPendingRecords);
        Assert.Same(provider.GetRequiredService<PredictionLogWriter>(), provider.GetRequiredService<IPredictionLog>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => ReferenceEquals(s, provider.GetRequiredService<PredictionLogWriter>()));
    }

    [Fact]
    public void Defaults_apply_without_configuration()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPredictionLog(Configuration([]));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PredictionLogOptions>>().Value;
        Assert.True(options.Enabled);
        Assert.Equal("./data/predictions", options.Directory);
        Assert.Equal(100L * 1024 * 1024, options.MaxFileBytes);
        Assert.Equal(TimeSpan.FromSeconds(1), options.FlushInterval);
        Assert.Null(options.RetainedFiles);
    }

    [Fact]
    public void Unusable_settings_are_refused_naming_the_setting()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPredictionLog(Configuration(new()
        {
            ["Monitor:PredictionLog:MaxFileBytes"] = "10",
            ["Monitor:PredictionLog:FlushInterval"] = "00:00:00",
        }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PredictionLogOptions>>().Value);
        Assert.Contains("Monitor:PredictionLog:MaxFileBytes", ex.Message);
        Assert.Contains("Monitor:PredictionLog:FlushInterval", ex.Message);
    }

    [Fact]
    public async Task A_graceful_host_stop_writes_everything_appended()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:PredictionLog:Directory"] = _dir.Path });
        builder.Services.AddPredictionLog(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        var log = host.Services.GetRequiredService<IPredictionLog>();
        for (var b = 0; b < 200; b++)
        {
            Assert.True(log.Append(TestRecord.Numeric($"h{b}", 100)));
        }

        await host.StopAsync();

        Assert.Equal(20_000, LogFiles.Lines(_dir.Path).Count);
    }
}

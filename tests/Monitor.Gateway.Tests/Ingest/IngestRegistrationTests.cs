using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Gateway.Ingest;

namespace Monitor.Gateway.Tests.Ingest;

public class IngestRegistrationTests
{
    [Fact]
    public void Limits_bind_from_configuration_and_the_parser_uses_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Monitor:Ingest:MaxRecordsPerRequest"] = "5",
                ["Monitor:Ingest:MaxTimestampAge"] = "01:00:00",
            })
            .Build();
        using var provider = new ServiceCollection().AddPredictionParser(configuration).BuildServiceProvider();

        var parser = provider.GetRequiredService<PredictionParser>();

        Assert.Equal(5, parser.Limits.MaxRecordsPerRequest);
        Assert.Equal(TimeSpan.FromHours(1), parser.Limits.MaxTimestampAge);
        Assert.Equal(256, parser.Limits.MaxFeaturesPerRecord);
    }

    [Fact]
    public void Nonsense_limits_are_refused()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:Ingest:MaxRecordsPerRequest"] = "0" })
            .Build();
        using var provider = new ServiceCollection().AddPredictionParser(configuration).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IngestLimits>>().Value);
    }
}

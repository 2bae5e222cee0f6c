using Monitor.Cli;

namespace Monitor.Cli.Tests;

public sealed class SimulateOptionTests
{
    [Fact]
    public void Rates_apply_to_every_version_unless_one_is_named()
    {
        var rates = SimulateCommand.ParseRates(["0.8", "fraud/v2=0.6"], "--label-accuracy", 0.9);

        Assert.Equal(0.8, rates.For("fraud", "v1"));
        Assert.Equal(0.6, rates.For("fraud", "v2"));
        Assert.Equal(0.9, SimulateCommand.ParseRates([], "--label-accuracy", 0.9).For("fraud", "v1"));
        Assert.False(SimulateCommand.ParseRates([], "--click-rate", 0).Any);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("fraud=0.5")]
    [InlineData("fraud/v1=high")]
    public void Bad_rates_name_the_option(string spec)
    {
        var error = Assert.Throws<FormatException>(() => SimulateCommand.ParseRates([spec], "--click-rate", 0));
        Assert.StartsWith("--click-rate:", error.Message);
    }
}

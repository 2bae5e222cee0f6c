using Monitor.Cli;
using Monitor.Cli.Simulation;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>The simulator against a real gateway: everything it sends arrives, shaped as asked.</summary>
public sealed class SimulatorTests : IClassFixture<MonitorFactory>
{
    private readonly MonitorFactory _factory;

    public SimulatorTests(MonitorFactory factory) => _factory = factory;

    [Fact]
    public async Task Simulated_traffic_reaches_every_version_with_errors_and_a_feature_shift()
    {
        var http = _factory.CreateClient();
        var plan = new SimulationPlan
        {
            Gateway = http.BaseAddress!,
            Versions = SimulateCommand.ParseVersions("sim:v1,v2"),
            RecordsPerSecond = 2000,
            Duration = TimeSpan.FromSeconds(2),
            BatchSize = 100,
            ErrorRate = 0.2,
            FeatureShifts = SimulateCommand.ParseShifts(["amount=50"]),
            ShiftAfter = TimeSpan.Zero,
            InjectInto = new HashSet<string> { "sim/v2" },
        };
        var output = new StringWriter();
        var simulator = new TrafficSimulator(plan, http, output);

        // A first record warms the node (JIT, first grain activations), so the 2 s run is not spent on it.
        using (var warm = await http.PostAsync("/v1/predictions", new StringContent(
            """{"model":"warm","version":"v1","prediction":1,"latency_ms":1,"status":"success"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(202, (int)warm.StatusCode);
        }

        await simulator.RunAsync(CancellationToken.None);

        Assert.True(simulator.Sent >= 200, output.ToString());
        Assert.Equal(simulator.Sent, simulator.Accepted);
        Assert.Equal(0, simulator.Rejected);
        long total = 0;
        foreach (var version in new[] { "v1", "v2" })
        {
            var (_, summary) = await http.GetJson($"/v1/models/sim/versions/{version}/summary?minutes=5");
            total += (long)summary!["total_requests"]!;
            Assert.InRange((double)summary["success_rate"]!, 65, 95);
            Assert.NotEmpty(summary["errors_by_type"]!.AsObject());
        }

        Assert.Equal(simulator.Sent, total);
        Assert.True(await MeanAmount(http, "v2") > 40, "amount is shifted by 50 standard deviations in v2");
        Assert.InRange(await MeanAmount(http, "v1"), -1, 1);
    }

    [Theory]
    [InlineData("fraud")]
    [InlineData("fraud:")]
    [InlineData(";")]
    public void Version_lists_that_name_no_version_are_refused(string spec)
    {
        Assert.Throws<FormatException>(() => SimulateCommand.ParseVersions(spec));
    }

    [Fact]
    public void Shifts_need_a_feature_and_a_number()
    {
        Assert.Equal(0.5, SimulateCommand.ParseShifts(["amount=0.5"])["amount"]);
        Assert.Throws<FormatException>(() => SimulateCommand.ParseShifts(["amount"]));
        Assert.Throws<FormatException>(() => SimulateCommand.ParseShifts(["amount=lots"]));
    }

    private static async Task<double> MeanAmount(HttpClient http, string version)
    {
        var (_, page) = await http.GetJson($"/v1/models/sim/versions/{version}/records?limit=200");
        return page!["records"]!.AsArray().Average(r => (double)r!["features"]!["amount"]!);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Cli;
using Monitor.Cli.Simulation;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>The whole loop the README shows: simulated predictions, then their labels and events, then the summary and the comparison.</summary>
public sealed class SimulatedOutcomeTests
{
    [Fact]
    public async Task Simulated_labels_and_events_come_back_as_the_chosen_accuracy_and_rates()
    {
        using var factory = new MonitorFactory();
        try
        {
            using var http = factory.CreateClient();

            // The first requests of a fresh node start the silo's grains and the code paths; on a loaded machine
            // that can take longer than the whole run below, which would then send its first batch only.
            await WarmUp(http);
            var plan = new SimulationPlan
            {
                Gateway = http.BaseAddress!,
                Versions = SimulateCommand.ParseVersions("sim:v1,v2"),
                RecordsPerSecond = 1500,
                Duration = TimeSpan.FromSeconds(2),
                BatchSize = 100,
                Seed = 3,
                Outcomes = new OutcomePlan
                {
                    SendLabels = true,
                    LabelDelay = TimeSpan.FromMilliseconds(300),
                    Accuracy = SimulateCommand.ParseRates(["0.85", "sim/v2=0.6"], "--label-accuracy", 0.9),
                    ClickRate = SimulateCommand.ParseRates(["0.2"], "--click-rate", 0),
                    RevenueRate = SimulateCommand.ParseRates(["0.1"], "--revenue-rate", 0),
                },
            };
            var progress = new StringWriter();
            var simulator = new TrafficSimulator(plan, http, progress);
            await simulator.RunAsync(CancellationToken.None);

            var outcomes = simulator.Outcomes!;
            Assert.True(simulator.Sent >= 1000, progress.ToString());
            Assert.Equal(0, simulator.FailedRequests + outcomes.FailedRequests + outcomes.Rejected);
            Assert.Equal(outcomes.LabelsSent, outcomes.LabelsJoined);

            var v1 = (await http.GetFromJsonAsync<JsonElement>("/v1/models/sim/versions/v1/summary?minutes=5")).GetProperty("outcomes");
            var v2 = (await http.GetFromJsonAsync<JsonElement>("/v1/models/sim/versions/v2/summary?minutes=5")).GetProperty("outcomes");
            Assert.InRange(v1.GetProperty("classification").GetProperty("accuracy").GetDouble(), 0.79, 0.91);
            Assert.InRange(v2.GetProperty("classification").GetProperty("accuracy").GetDouble(), 0.53, 0.67);
            Assert.InRange(v1.GetProperty("business").GetProperty("click_through_rate").GetDouble(), 0.15, 0.25);
            Assert.InRange(v1.GetProperty("labels").GetProperty("coverage").GetDouble(), 0.999, 1.0);

            var compare = await http.GetFromJsonAsync<JsonElement>("/v1/models/sim/compare?a=v1&b=v2&minutes=5");
            var accuracy = compare.GetProperty("comparisons")[0].GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "accuracy");
            Assert.Equal("worse", accuracy.GetProperty("verdict").GetString());
        }
        finally
        {
            Directory.Delete(factory.DataDirectory, recursive: true);
        }
    }

    private static async Task WarmUp(HttpClient http)
    {
        object[] requests =
        [
            new[] { new { model = "warm", version = "v1", id = "w1", prediction = 1, confidence = 0.9, latency_ms = 1.0, status = "success" } },
            new[] { new { model = "warm", id = "w1", label = 1 } },
            new[] { new { model = "warm", id = "w1", type = "click" } },
        ];
        string[] paths = ["/v1/predictions", "/v1/labels", "/v1/events"];
        for (var i = 0; i < paths.Length; i++)
        {
            using var response = await http.PostAsJsonAsync(paths[i], requests[i]);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }
    }
}

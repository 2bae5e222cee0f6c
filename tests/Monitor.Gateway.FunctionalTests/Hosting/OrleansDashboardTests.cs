using System.Text.Json;

namespace Monitor.Gateway.FunctionalTests.Hosting;

/// <summary>The Orleans dashboard answers under /orleans and sees the co-hosted silo.</summary>
public sealed class OrleansDashboardTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Dashboard_page_and_its_script_are_served_under_orleans()
    {
        var page = await gateway.Client.GetStringAsync("/orleans/");
        Assert.Contains("Orleans Dashboard", page);

        using var script = await gateway.Client.GetAsync("/orleans/index.min.js");
        Assert.True(script.IsSuccessStatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Dashboard_counters_show_the_co_hosted_silo()
    {
        // The dashboard samples its counters on its own one-second timer; wait (up to 15 s) for the first sample.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement root;
        while (true)
        {
            using var json = JsonDocument.Parse(await gateway.Client.GetStringAsync("/orleans/DashboardCounters"));
            root = json.RootElement.Clone();
            if (root.GetProperty("totalActiveHostCount").GetInt32() > 0 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal(1, root.GetProperty("totalActiveHostCount").GetInt32());
        var host = Assert.Single(root.GetProperty("hosts").EnumerateArray());
        Assert.Equal("Active", host.GetProperty("status").GetString());
    }
}

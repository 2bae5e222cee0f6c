using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// The latency chart marks the change points the time series answers: a version whose latency stepped up two hours
/// ago shows the marker at that step, pointing up. Its own gateway, so the shared fixture's versions stay as they are.
/// </summary>
public sealed class ChangePointChartTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task The_latency_chart_marks_a_level_shift_where_the_api_finds_it()
    {
        // Six hours of 5-minute steps, 20 records each, latency around 100 ms and around 250 ms for the last two hours.
        var now = DateTimeOffset.UtcNow;
        var random = new Random(9);
        var batch = new JsonArray();
        for (var minutesAgo = 355; minutesAgo >= 5; minutesAgo -= 5)
        {
            for (var i = 0; i < 20; i++)
            {
                var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                batch.Add(new JsonObject
                {
                    ["model"] = "trend",
                    ["version"] = "v1",
                    ["timestamp"] = now.AddMinutes(-minutesAgo).AddSeconds(i),
                    ["prediction"] = 1,
                    ["confidence"] = 0.9,
                    ["latency_ms"] = Math.Round((minutesAgo > 120 ? 100 : 250) * (1 + (0.1 * normal)), 2),
                    ["status"] = "success",
                });
            }
        }

        using (var posted = await fixture.Api.PostAsJsonAsync("/v1/predictions", batch))
        {
            Assert.Equal(202, (int)posted.StatusCode);
        }

        var series = await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/trend/versions/v1/timeseries?minutes=360&step=300&change_points=true");
        var expected = series.GetProperty("change_points").EnumerateArray().Where(c => c.GetProperty("series").GetString() == "latency_p95_ms").ToList();
        var shift = Assert.Single(expected);
        Assert.Equal("up", shift.GetProperty("direction").GetString());

        await using var view = await fixture.OpenAsync("/#/models/trend/versions/v1?range=6h");
        var page = view.Page;
        await page.WaitForSelectorAsync("[data-chart=latency] svg.plot .change-point", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        var marks = page.Locator("[data-chart=latency] .change-point[data-series=latency_p95_ms]");
        Assert.Equal(1, await marks.CountAsync());
        Assert.Equal("up", await marks.First.GetAttributeAsync("data-direction"));
        Assert.Equal(
            DateTimeOffset.Parse(shift.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((await marks.First.GetAttributeAsync("data-at"))!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("shifted up by", await marks.First.Locator("title").TextContentAsync(), StringComparison.Ordinal);
        await view.ScreenshotAsync("change-points.png");
    }
}

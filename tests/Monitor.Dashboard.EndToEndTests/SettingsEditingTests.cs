using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// Rules, channels, routes and drift settings edited from the dashboard: what the API refuses is shown under the
/// field it names and nothing is stored; the corrected document is saved and the API then answers it.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SettingsEditingTests(DashboardFixture fixture)
{
    [Fact]
    public async Task A_new_rule_refused_for_its_metric_shows_why_under_the_metric_and_is_saved_once_corrected()
    {
        const string name = "BrowserEditedRule";
        await using var view = await fixture.OpenAsync("/#/settings?tab=rules");
        var page = view.Page;
        await page.WaitForSelectorAsync("#rules tbody tr[data-rule]");
        await page.ClickAsync("[data-action=new-rule]");
        await page.FillAsync("#rule-name", name);
        await page.FillAsync("#rule-metric", "no_such_metric");
        await page.FillAsync("#rule-threshold", "0.5");
        await page.FillAsync("#rule-model", "fraud");
        await page.ClickAsync("[data-form=rule] [data-action=save]");

        await ShownAsync(page, "[data-form=rule] [data-error-for=metric]:not([hidden])", "rule");
        Assert.Contains("unknown metric 'no_such_metric'", await page.InnerTextAsync("[data-error-for=metric]"));
        Assert.Contains("invalid", await page.GetAttributeAsync("#rule-metric", "class") ?? "");
        Assert.True(await page.Locator("[data-form=rule] [data-error-for=threshold]").IsHiddenAsync(), "only the field at fault is marked");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.GetAsync($"/v1/alerts/rules/{name}")).StatusCode);
        await view.ScreenshotAsync("rule-refused.png");

        await page.FillAsync("#rule-metric", "error_rate");
        await page.ClickAsync("[data-form=rule] [data-action=save]");
        await ShownAsync(page, "[data-form=rule] [data-saved]:has-text('Saved')", "rule");
        Assert.True(await page.Locator("[data-form=rule] [data-error-for=metric]").IsHiddenAsync());
        var rule = await fixture.Api.GetFromJsonAsync<JsonElement>($"/v1/alerts/rules/{name}");
        Assert.Equal("error_rate", rule.GetProperty("metric").GetString());
        Assert.Equal(0.5, rule.GetProperty("threshold").GetDouble());
        Assert.Equal("fraud", rule.GetProperty("model").GetString());
        await page.WaitForSelectorAsync($"#rules tr[data-rule={name}]");

        // Editing it: a threshold that is not a number is refused in place; a number is saved.
        await page.ClickAsync($"#rules tr[data-rule={name}] [data-action=edit]");
        Assert.True(await page.Locator("#rule-name").IsDisabledAsync(), "an existing rule keeps its name");
        await page.FillAsync("#rule-threshold", "high");
        await page.ClickAsync("[data-form=rule] [data-action=save]");
        await ShownAsync(page, "[data-form=rule] [data-error-for=threshold]:not([hidden])", "rule");
        Assert.Equal(0.5, (await fixture.Api.GetFromJsonAsync<JsonElement>($"/v1/alerts/rules/{name}")).GetProperty("threshold").GetDouble());
        await page.FillAsync("#rule-threshold", "0.25");
        await page.ClickAsync("[data-form=rule] [data-action=save]");
        await ShownAsync(page, "[data-form=rule] [data-saved]:has-text('Saved')", "rule");
        Assert.Equal(0.25, (await fixture.Api.GetFromJsonAsync<JsonElement>($"/v1/alerts/rules/{name}")).GetProperty("threshold").GetDouble());

        await page.ClickAsync($"#rules tr[data-rule={name}] [data-action=delete]");
        await page.WaitForSelectorAsync($"#rules tr[data-rule={name}]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.GetAsync($"/v1/alerts/rules/{name}")).StatusCode);
        AssertOnlyRefusals(view);
    }

    [Fact]
    public async Task A_channel_and_the_routes_are_refused_in_place_and_a_valid_channel_is_saved()
    {
        const string name = "browser-hook";
        await using var view = await fixture.OpenAsync("/#/settings?tab=channels");
        var page = view.Page;
        await page.WaitForSelectorAsync("#channels tbody tr[data-channel]");
        await page.ClickAsync("[data-action=new-channel]");
        await page.FillAsync("#channel-name", name);
        await page.SelectOptionAsync("#channel-kind", "webhook");
        await page.FillAsync("#channel-url", "not a url");
        await page.ClickAsync("[data-form=channel] [data-action=save]");
        await ShownAsync(page, "[data-form=channel] [data-error-for=url]:not([hidden])", "channel");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Api.GetAsync($"/v1/alerts/channels/{name}")).StatusCode);

        await page.FillAsync("#channel-url", "https://hooks.example.com/monitor");
        await page.ClickAsync("[data-form=channel] [data-action=save]");
        await ShownAsync(page, "[data-form=channel] [data-saved]:has-text('Saved')", "channel");
        var channel = await fixture.Api.GetFromJsonAsync<JsonElement>($"/v1/alerts/channels/{name}");
        Assert.Equal("webhook", channel.GetProperty("kind").GetString());

        // A route naming a channel that does not exist: the problem is shown under the routes, the routing kept.
        var before = await fixture.Api.GetStringAsync("/v1/alerts/routes");
        await page.ClickAsync("[data-tab=routes]");
        await page.WaitForSelectorAsync("#routing-routes");
        await page.FillAsync("#routing-routes", """[{"name": "browser", "matchers": [{"name": "severity", "op": "=", "value": "critical"}], "channels": ["no-such-channel"]}]""");
        await page.ClickAsync("[data-form=routing] [data-action=save]");
        await ShownAsync(page, "[data-form=routing] [data-error-for=routes]:not([hidden])", "routing");
        Assert.Contains("no-such-channel", await page.InnerTextAsync("[data-error-for=routes]"));
        Assert.Equal(before, await fixture.Api.GetStringAsync("/v1/alerts/routes"));

        // JSON that does not parse is caught before it is sent.
        await page.FillAsync("#routing-inhibit_rules", "[{");
        await page.ClickAsync("[data-form=routing] [data-action=save]");
        await ShownAsync(page, "[data-form=routing] [data-error-for=inhibit_rules]:not([hidden])", "routing");
        Assert.Contains("not valid JSON", await page.InnerTextAsync("[data-error-for=inhibit_rules]"));

        using var removed = await fixture.Api.DeleteAsync($"/v1/alerts/channels/{name}");
        removed.EnsureSuccessStatusCode();
        AssertOnlyRefusals(view);
    }

    [Fact]
    public async Task Drift_settings_refused_for_alpha_show_why_in_place_and_are_saved_once_corrected()
    {
        const string path = "/v1/models/sparse/versions/v1/drift/settings";
        var original = await fixture.Api.GetFromJsonAsync<JsonElement>(path);
        await using var view = await fixture.OpenAsync("/#/models/sparse/versions/v1?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync("[data-action=edit-drift-settings]");
        await page.ClickAsync("#refresh-toggle");
        await page.ClickAsync("[data-action=edit-drift-settings]");
        await page.WaitForSelectorAsync("#drift-settings-alpha");
        Assert.Equal(original.GetProperty("alpha").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync("#drift-settings-alpha"));

        await page.FillAsync("#drift-settings-alpha", "2");
        await page.ClickAsync("[data-form=drift-settings] [data-action=save]");
        await ShownAsync(page, "[data-form=drift-settings] [data-error-for=alpha]:not([hidden])", "drift-settings");
        Assert.Equal(original.GetProperty("alpha").GetDouble(), (await fixture.Api.GetFromJsonAsync<JsonElement>(path)).GetProperty("alpha").GetDouble());

        await page.FillAsync("#drift-settings-alpha", "0.01");
        await page.ClickAsync("[data-form=drift-settings] [data-action=save]");
        await ShownAsync(page, "[data-form=drift-settings] [data-saved]:has-text('Saved')", "drift-settings");
        Assert.Equal(0.01, (await fixture.Api.GetFromJsonAsync<JsonElement>(path)).GetProperty("alpha").GetDouble());

        using var restored = await fixture.Api.PutAsJsonAsync(path, new { alpha = original.GetProperty("alpha").GetDouble() });
        restored.EnsureSuccessStatusCode();
        AssertOnlyRefusals(view);
    }

    /// <summary>Self-contained, and the only console errors are the browser's notes of the refusals the test provoked.</summary>
    private static void AssertOnlyRefusals(OfflinePage view)
    {
        Assert.Empty(view.External);
        Assert.All(view.ConsoleErrors, e => Assert.Contains("status of 400", e));
    }

    /// <summary>Waits for an element, and says what the form shows when it does not come.</summary>
    private static async Task ShownAsync(IPage page, string selector, string form)
    {
        try
        {
            await page.WaitForSelectorAsync(selector, new PageWaitForSelectorOptions { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.ArtefactDirectory, $"{form}-not-shown.png"), FullPage = true });
            Assert.Fail($"{selector} did not appear; the form says: {await page.EvalOnSelectorAsync<string>($"[data-form={form}]", "e => e.textContent")}");
        }
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>The alerts page over a real firing alert: silences are created and expired from the page and take effect in the API.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AlertsPageTests(DashboardFixture fixture)
{
    private const string Row = $"#firing tr[data-alertname={DashboardFixture.FiringRule}]";

    [Fact]
    public async Task A_silence_made_from_a_firing_alert_mutes_it_and_expiring_it_unmutes_it()
    {
        await using var view = await fixture.OpenAsync("/#/alerts");
        var page = view.Page;
        await page.WaitForSelectorAsync(Row);

        var alert = Alerts.Find(await Alerts.FiringAsync(fixture.Api), DashboardFixture.FiringRule, "fraud", "v2")!.Value;
        var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!);
        Assert.Equal("critical", await page.GetAttributeAsync($"{Row} [data-severity]", "data-severity"));
        Assert.Equal(alert.GetProperty("starts_at").GetString(), await page.GetAttributeAsync($"{Row} [data-starts-at]", "data-starts-at"));

        // "Silence" opens the form with one = matcher per label of the alert.
        await page.ClickAsync($"{Row} button[data-action=silence]");
        var prefilled = await page.EvalOnSelectorAllAsync<string[][]>(
            "#silence-form .matcher", "rows => rows.map(r => [...r.querySelectorAll('[data-part]')].map(i => i.value))");
        Assert.Equal(
            labels.OrderBy(l => l.Key).Select(l => $"{l.Key} = {l.Value}"),
            prefilled.Select(m => string.Join(' ', m)).Order());

        await page.FillAsync("#silence-form [name=created_by]", "browser-test");
        await page.FillAsync("#silence-form [name=comment]", "Known incident: fraud v2 rollout");
        await page.ClickAsync("#silence-form [data-duration='4h']");
        await page.ClickAsync("#silence-form button[type=submit]");

        var listed = await page.WaitForSelectorAsync("#silences tr[data-state=active]");
        var id = await listed!.GetAttributeAsync("data-silence");
        var silence = await Alerts.SilenceAsync(fixture.Api, id!);
        Assert.Equal("active", silence.GetProperty("state").GetString());
        Assert.Equal("browser-test", silence.GetProperty("created_by").GetString());
        Assert.Equal("Known incident: fraud v2 rollout", silence.GetProperty("comment").GetString());
        Assert.Equal(TimeSpan.FromHours(4), silence.GetProperty("ends_at").GetDateTimeOffset() - silence.GetProperty("starts_at").GetDateTimeOffset());
        Assert.Equal(
            labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\""),
            silence.GetProperty("matchers").EnumerateArray().Select(m => $"{m.GetProperty("name").GetString()}{m.GetProperty("op").GetString()}\"{m.GetProperty("value").GetString()}\"").Order());
        Assert.Equal(silence.GetProperty("matchers").GetArrayLength(), await page.Locator($"#silences tr[data-silence='{id}'] [data-matcher]").CountAsync());

        // The silence mutes the alert: in the API, then on the page at its next refresh.
        await Alerts.UntilAsync(fixture.Api, a => SilencedBy(a, id!), "the alert to be silenced");
        await page.WaitForSelectorAsync($"{Row}[data-state=silenced]");
        await view.ScreenshotAsync("alerts.png");

        // Expiring it from the page ends it at once; the alert fires again.
        await page.ClickAsync($"#silences tr[data-silence='{id}'] button[data-action=expire]");
        await page.WaitForSelectorAsync($"#silences tr[data-silence='{id}']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached });
        Assert.Equal("expired", (await Alerts.SilenceAsync(fixture.Api, id!)).GetProperty("state").GetString());
        await page.CheckAsync("[data-section=silences] input[type=checkbox]");
        await page.WaitForSelectorAsync($"#silences tr[data-silence='{id}'][data-state=expired]");
        await Alerts.UntilAsync(fixture.Api, a => !SilencedBy(a, id!), "the alert to fire again");
        await page.WaitForSelectorAsync($"{Row}[data-state=firing]");
        view.AssertSelfContained();
    }

    [Fact]
    public async Task A_refused_silence_shows_the_field_the_api_names_and_creates_nothing()
    {
        var before = (await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/alerts/silences")).GetProperty("silences").GetArrayLength();
        await using var view = await fixture.OpenAsync("/#/alerts");
        var page = view.Page;
        await page.WaitForSelectorAsync(".page.alerts[data-refreshed]");
        await page.ClickAsync("#new-silence");
        await page.FillAsync("#silence-form [data-part=name]", "model");
        await page.FillAsync("#silence-form [data-part=value]", "fraud");
        await page.FillAsync("#silence-form [name=created_by]", string.Empty);
        await page.FillAsync("#silence-form [name=comment]", "no author given");
        await page.ClickAsync("#silence-form button[type=submit]");

        var error = await page.WaitForSelectorAsync("#silence-form .form-error:not([hidden])");
        Assert.StartsWith("created_by:", await error!.InnerTextAsync());
        Assert.True(await page.Locator("#silence-form [name=created_by].invalid").IsVisibleAsync());
        Assert.Equal(before, (await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/alerts/silences")).GetProperty("silences").GetArrayLength());

        // A 400 answer is expected here; it is the page's only console error.
        view.ConsoleErrors.RemoveAll(e => e.Contains("400", StringComparison.Ordinal));
        view.AssertSelfContained();
    }

    private static bool SilencedBy(JsonElement[] alerts, string id) =>
        Alerts.Find(alerts, DashboardFixture.FiringRule, "fraud", "v2") is { } alert
        && alert.GetProperty("status").GetProperty("silenced_by").EnumerateArray().Any(s => s.GetString() == id);
}

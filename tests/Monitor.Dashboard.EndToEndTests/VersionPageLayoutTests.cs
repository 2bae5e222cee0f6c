using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Monitor.Dashboard.EndToEndTests;

/// <summary>
/// A version page's rule states, and tables wider or longer than the page: a 10 x 10 confusion matrix scrolls
/// inside its card rather than being cut, its classes in natural order; the recent records scroll in a bounded box.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class VersionPageLayoutTests(DashboardFixture fixture)
{
    [Fact]
    public async Task The_version_page_shows_the_state_of_every_rule_that_applies_to_it()
    {
        var states = (await fixture.Api.GetFromJsonAsync<JsonElement>("/v1/models/fraud/versions/v2/alerts")).GetProperty("rules")
            .EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("state").GetString()!);
        Assert.Equal("firing", states[DashboardFixture.FiringRule]);

        await using var view = await fixture.OpenAsync("/#/models/fraud/versions/v2?range=15m");
        var page = view.Page;
        await page.WaitForSelectorAsync($"#rule-states tr[data-rule={DashboardFixture.FiringRule}]");
        await page.ClickAsync("#refresh-toggle");
        var shown = await page.EvaluateAsync<JsonElement>("() => [...document.querySelectorAll('#rule-states tbody tr')].map(r => [r.dataset.rule, r.dataset.state])");
        var rows = shown.EnumerateArray().Select(r => (Rule: r[0].GetString()!, State: r[1].GetString()!)).ToList();
        Assert.Equal(states.Keys.Order(), rows.Select(r => r.Rule).Order());
        Assert.Equal(DashboardFixture.FiringRule, rows[0].Rule);
        foreach (var (rule, state) in rows)
        {
            // A rule may change state between the two reads only by being judged again: the firing one stays firing.
            Assert.True(state == states[rule] || rule != DashboardFixture.FiringRule, $"{rule}: {state}, the API says {states[rule]}");
        }

        await page.ClickAsync($"#rule-states tr[data-rule={DashboardFixture.FiringRule}] [data-link=edit-rule]");
        await page.WaitForSelectorAsync("[data-form=rule]:not([hidden]) #rule-name");
        Assert.Equal(DashboardFixture.FiringRule, await page.InputValueAsync("#rule-name"));
        view.AssertSelfContained();
    }

    [Fact]
    public async Task A_ten_class_confusion_matrix_scrolls_in_its_card_with_classes_in_natural_order_and_long_lists_scroll()
    {
        await using var view = await fixture.OpenAsync("/#/models/wide/versions/v1?range=15m");
        var page = view.Page;
        await page.SetViewportSizeAsync(900, 1000);
        await page.WaitForSelectorAsync("#confusion-matrix tbody tr[data-true]");
        await page.ClickAsync("#refresh-toggle");

        var expected = Enumerable.Range(1, 10).Select(k => $"c{k}").ToArray();
        Assert.Equal(expected, await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#confusion-matrix tbody tr')].map(r => r.dataset.true)"));
        Assert.Equal(expected, await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#confusion-matrix thead th.num')].map(c => c.textContent)"));
        Assert.Equal(expected, await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#class-metrics tbody tr')].map(r => r.dataset.class)"));

        var box = await page.EvaluateAsync<JsonElement>("""
            () => {
              const scroller = document.querySelector('#confusion-matrix').parentElement;
              const card = scroller.closest('.card');
              const before = { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth, overflow: getComputedStyle(scroller).overflowX,
                scrollerRight: scroller.getBoundingClientRect().right, cardRight: card.getBoundingClientRect().right, page: document.documentElement.clientWidth };
              scroller.scrollLeft = scroller.scrollWidth;
              const last = document.querySelector('#confusion-matrix thead th:last-child').getBoundingClientRect();
              return { ...before, lastRight: last.right, scrolledRight: scroller.getBoundingClientRect().right };
            }
            """);
        Assert.True(box.GetProperty("scrollWidth").GetDouble() > box.GetProperty("clientWidth").GetDouble(), $"the matrix is wider than its card here: {box}");
        Assert.Equal("auto", box.GetProperty("overflow").GetString());
        Assert.True(box.GetProperty("cardRight").GetDouble() <= box.GetProperty("page").GetDouble() + 1, $"the card stays on the page: {box}");
        Assert.True(box.GetProperty("scrollerRight").GetDouble() <= box.GetProperty("cardRight").GetDouble() + 1, $"the table is not drawn beyond its card: {box}");
        Assert.True(box.GetProperty("lastRight").GetDouble() <= box.GetProperty("scrolledRight").GetDouble() + 1, $"scrolled, the last class is in view: {box}");
        await view.ScreenshotAsync("confusion-matrix-scrolls.png");

        var records = await page.EvaluateAsync<JsonElement>("() => { const s = document.querySelector('#records').parentElement; return { scroll: s.scrollHeight, client: s.clientHeight, rows: document.querySelectorAll('#records tbody tr.record').length }; }");
        Assert.Equal(25, records.GetProperty("rows").GetInt32());
        Assert.True(records.GetProperty("scroll").GetDouble() > records.GetProperty("client").GetDouble(), $"the records scroll: {records}");
        Assert.True(records.GetProperty("client").GetDouble() <= 520, $"in a bounded box: {records}");
        view.AssertSelfContained();
    }
}

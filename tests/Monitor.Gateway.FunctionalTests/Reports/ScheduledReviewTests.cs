using System.Text.Json;
using MimeKit;
using Monitor.Gateway.FunctionalTests.Alerting;
using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Reports;

/// <summary>
/// Weekly reviews on a fake clock through a real SMTP server (aiosmtpd) and a webhook, across restarts: the review
/// of a week arrives once when the week ends, is not sent again after a restart, and one that fell due while
/// Monitor was stopped goes out when it starts.
/// </summary>
public sealed class ScheduledReviewTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static string[] Messages(SmtpServerProcess smtp)
    {
        var inbox = Path.Combine(smtp.Maildir, "new");
        return Directory.Exists(inbox) ? [.. Directory.GetFiles(inbox).Order(StringComparer.Ordinal)] : [];
    }

    private static async Task Configure(AlertingHost host, SmtpServerProcess smtp, LoopbackReceiver hook)
    {
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new
        {
            name = "mail", kind = "email", to = new[] { "reviews@example.test" }, from = "monitor@example.test", smtp_host = "127.0.0.1", smtp_port = smtp.Port, security = "none",
        }, expect: 201);
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = hook.Url + "/review" }, expect: 201);

        // The model exists from Wednesday; this record is older than the windows' 24 hours when the week ends.
        await host.Send(HttpMethod.Post, "/v1/predictions", new[] { ApiClient.Record("weekly", "v1", 10, host.Time.GetUtcNow()) }, expect: 202);
    }

    /// <summary>Traffic on the Sunday before the review, inside the windows' 24 hours when the week ends.</summary>
    private static async Task Traffic(AlertingHost host)
    {
        host.Time.Advance(Monday.AddHours(-12) - host.Time.GetUtcNow());
        var records = Enumerable.Range(0, 50).Select(i => ApiClient.Record("weekly", "v1", 10 + i, host.Time.GetUtcNow(), status: i < 5 ? "error" : "success", error: i < 5 ? "Timeout" : null)).ToArray();
        await host.Send(HttpMethod.Post, "/v1/predictions", records, expect: 202);
    }

    [Fact]
    public async Task A_weekly_review_arrives_once_by_email_with_the_html_and_by_webhook_with_a_link_across_restarts()
    {
        var data = Directory.CreateTempSubdirectory("monitor-reviews-").FullName;
        await using var smtp = await SmtpServerProcess.StartAsync();
        await using var hook = new LoopbackReceiver();
        await using (var first = new AlertingHost(dataDirectory: data, start: Wednesday))
        {
            await Configure(first, smtp, hook);
            var set = await first.Send(HttpMethod.Put, "/v1/models/weekly/reviews", new { schedule = "weekly", channels = new[] { "mail", "hook" } });
            Assert.Equal(Monday, set.GetProperty("next_period_end").GetDateTimeOffset());
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), set.GetProperty("next_period_start").GetDateTimeOffset());
            await Traffic(first);

            first.Time.Advance(Monday - first.Time.GetUtcNow() - TimeSpan.FromMinutes(1));
            Assert.Equal(0, (await first.Get("/v1/models/weekly/reviews")).GetProperty("reviews_sent").GetInt32());

            first.Time.Advance(TimeSpan.FromMinutes(2));
            var status = await first.Get("/v1/models/weekly/reviews");
            Assert.Equal(1, status.GetProperty("reviews_sent").GetInt32());
            Assert.Equal(Monday, status.GetProperty("last_sent_period_end").GetDateTimeOffset());
            Assert.Equal(Monday.AddDays(7), status.GetProperty("next_period_end").GetDateTimeOffset());
        }

        var mail = MimeMessage.Load(Assert.Single(Messages(smtp)));
        Assert.Equal("Monitor weekly review: weekly, week of 2026-11-23", mail.Subject);
        Assert.Equal("reviews@example.test", mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("<!DOCTYPE html>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<section id=\"what-changed\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<section id=\"traffic-v1\">", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("| requests | – | 50 |", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://monitor.test/v1/models/weekly/report?period=7d", mail.TextBody, StringComparison.Ordinal);

        var posted = Assert.Single(hook.Requests);
        Assert.Equal("/review", posted.Path);
        Assert.Equal("monitor.review", posted.Json.GetProperty("type").GetString());
        Assert.Equal("http://monitor.test/v1/models/weekly/report?period=7d", posted.Json.GetProperty("report_url").GetString());
        Assert.Equal(50, posted.Json.GetProperty("changes").GetProperty("current").GetProperty("requests").GetInt64());
        Assert.Equal(0.1, posted.Json.GetProperty("changes").GetProperty("current").GetProperty("error_rate").GetDouble(), 12);

        // A restart within the next week sends nothing again.
        await using (var second = new AlertingHost(dataDirectory: data, start: Monday.AddHours(6)))
        {
            var status = await second.Get("/v1/models/weekly/reviews");
            Assert.Equal(1, status.GetProperty("reviews_sent").GetInt32());
            Assert.Equal(Monday.AddDays(7), status.GetProperty("next_period_end").GetDateTimeOffset());
        }

        Assert.Single(Messages(smtp));
        Assert.Single(hook.Requests);

        // Stopped across the next week's end: the review goes out when Monitor starts, once, and compares with the week before.
        await using (var third = new AlertingHost(dataDirectory: data, start: Monday.AddDays(7).AddHours(3)))
        {
            var status = await third.Get("/v1/models/weekly/reviews");
            Assert.Equal(2, status.GetProperty("reviews_sent").GetInt32());
            Assert.Equal(Monday.AddDays(7), status.GetProperty("last_sent_period_end").GetDateTimeOffset());
            Assert.Equal(2, (await third.Get("/v1/models/weekly/reviews")).GetProperty("reviews_sent").GetInt32());
        }

        Assert.Equal(2, Messages(smtp).Length);
        Assert.Equal(2, hook.Requests.Count);
        var second2 = hook.Requests[1].Json.GetProperty("changes");
        // The week before is read from the versions' hourly history (the windows hold 24 hours).
        Assert.Equal("history", second2.GetProperty("previous_source").GetString());
        Assert.Equal(50, second2.GetProperty("previous").GetProperty("requests").GetInt64());
    }

    [Fact]
    public async Task A_monthly_review_reaches_slack_with_the_summary_and_a_link_and_counts_the_whole_month_across_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("monitor-reviews-").FullName;
        await using var slack = new LoopbackReceiver(_ => (200, "ok"));
        var december = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        // Traffic on 20 November, long out of the windows' 24 hours when the month ends: the hourly history keeps it.
        await using (var first = new AlertingHost(dataDirectory: data, start: new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)))
        {
            await first.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "chat", kind = "slack", url = slack.Url + "/services/T0/B0/x" }, expect: 201);
            var early = Enumerable.Range(0, 30).Select(i => ApiClient.Record("monthly", "v1", 10 + i, first.Time.GetUtcNow(), status: i < 3 ? "error" : "success", error: i < 3 ? "Timeout" : null)).ToArray();
            await first.Send(HttpMethod.Post, "/v1/predictions", early, expect: 202);
            var set = await first.Send(HttpMethod.Put, "/v1/models/monthly/reviews", new { schedule = "monthly", channels = new[] { "chat" } });
            Assert.Equal(december, set.GetProperty("next_period_end").GetDateTimeOffset());
        }

        await using (var second = new AlertingHost(dataDirectory: data, start: december.AddHours(-12)))
        {
            var late = Enumerable.Range(0, 20).Select(i => ApiClient.Record("monthly", "v1", 10 + i, second.Time.GetUtcNow())).ToArray();
            await second.Send(HttpMethod.Post, "/v1/predictions", late, expect: 202);
            second.Time.Advance(december - second.Time.GetUtcNow() + TimeSpan.FromMinutes(1));
            await slack.WaitForAsync(r => r.Path == "/services/T0/B0/x");
            Assert.Equal(1, (await second.Get("/v1/models/monthly/reviews")).GetProperty("reviews_sent").GetInt32());
        }

        var posted = Assert.Single(slack.Requests).Json;
        const string Subject = "Monitor monthly review: monthly, November 2026";
        Assert.Equal($"{Subject}: http://monitor.test/v1/models/monthly/report?period=30d", posted.GetProperty("text").GetString());
        var blocks = posted.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal(Subject, blocks[0].GetProperty("text").GetProperty("text").GetString());
        var summary = blocks[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("| requests | – | 50 |", summary, StringComparison.Ordinal);
        Assert.Contains("| error rate | – | 6", summary, StringComparison.Ordinal);
        Assert.Equal("<http://monitor.test/v1/models/monthly/report?period=30d|The full report>", blocks[2].GetProperty("text").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Schedules_are_checked_field_by_field()
    {
        await using var host = new AlertingHost();
        await host.Send(HttpMethod.Post, "/v1/predictions", new[] { ApiClient.Record("checked", "v1", 5, host.Time.GetUtcNow()) }, expect: 202);
        await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "pager", kind = "pagerduty", routing_key = "0123456789abcdef0123456789abcdef" }, expect: 201);

        var problem = await host.Send(HttpMethod.Put, "/v1/models/checked/reviews", new { schedule = "daily", channels = new[] { "nowhere", "pager", "log", "log" }, version = "v7", extra = 1 }, expect: 400);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["schedule", "channels[0]", "channels[1]", "channels[3]", "version", "extra"], errors);
        Assert.Equal("schedule", problem.GetProperty("field").GetString());

        await host.Send(HttpMethod.Put, "/v1/models/checked/reviews", new { schedule = "weekly" }, expect: 400);
        await host.Send(HttpMethod.Put, "/v1/models/unknown/reviews", new { schedule = "weekly", channels = new[] { "log" } }, expect: 404);
        using (var notJson = await host.Client.PutAsync("/v1/models/checked/reviews", new StringContent("{\"schedule\": ", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        await host.Send(HttpMethod.Get, "/v1/models/checked/reviews", expect: 404);
        var set = await host.Send(HttpMethod.Put, "/v1/models/checked/reviews", new { schedule = "monthly", channels = new[] { "log" }, version = "v1" });
        Assert.Equal("monthly", set.GetProperty("schedule").GetProperty("schedule").GetString());
        Assert.Equal("v1", set.GetProperty("schedule").GetProperty("version").GetString());
        await host.Send(HttpMethod.Delete, "/v1/models/checked/reviews");
        await host.Send(HttpMethod.Delete, "/v1/models/checked/reviews", expect: 404);
    }
}

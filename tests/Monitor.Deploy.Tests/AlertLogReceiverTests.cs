using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Monitor.Testing.Deploy;
using Monitor.Testing.Receivers;

namespace Monitor.Deploy.Tests;

/// <summary>
/// deploy/alertmanager/alert_log.py, the compose stack's webhook receiver, run under Debian's python3 on
/// loopback: it prints an Alertmanager notification as one JSON line and refuses what is not one.
/// </summary>
public sealed class AlertLogReceiverTests
{
    private const string Notification = """
        {"receiver": "monitor-critical", "status": "firing", "groupLabels": {"alertname": "HighErrorRate", "model": "fraud", "version": "v1"},
         "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://alertmanager:9093", "version": "4", "groupKey": "{}:{}", "truncatedAlerts": 0,
         "alerts": [{"status": "firing", "labels": {"alertname": "HighErrorRate", "model": "fraud", "version": "v1", "severity": "critical"},
                     "annotations": {"summary": "fraud/v1: error rate 0.1 above 0.05 over 5 minutes"},
                     "startsAt": "2026-11-24T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "", "fingerprint": "1"}]}
        """;

    [Fact]
    public async Task It_prints_each_notification_as_a_json_line_and_refuses_other_bodies()
    {
        var port = LoopbackReceiver.FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-u", DeployFiles.PathOf("deploy/alertmanager/alert_log.py"), "--listen", $"127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var lines = new BlockingCollection<string>();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Assert.True(lines.TryTake(out var ready, TimeSpan.FromSeconds(10)), "alert_log.py did not start");
            Assert.Contains($"127.0.0.1:{port}", ready);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

            // The receiver closes its connection after refusing a body; a request sent on that pooled connection
            // would race the close, so each request has a connection of its own.
            http.DefaultRequestHeaders.ConnectionClose = true;
            using var sent = await http.PostAsync("/critical", new StringContent(Notification, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.True(lines.TryTake(out var line, TimeSpan.FromSeconds(5)), "no line printed");
            var printed = JsonDocument.Parse(line).RootElement;
            Assert.Equal("/critical", printed.GetProperty("route").GetString());
            Assert.Equal("monitor-critical", printed.GetProperty("receiver").GetString());
            Assert.Equal("firing", printed.GetProperty("status").GetString());
            var alert = printed.GetProperty("alerts").EnumerateArray().Single();
            Assert.Equal("critical", alert.GetProperty("labels").GetProperty("severity").GetString());
            Assert.Equal("fraud/v1: error rate 0.1 above 0.05 over 5 minutes", alert.GetProperty("summary").GetString());

            using var notJson = await http.PostAsync("/critical", new StringContent("not json", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
            using var noAlerts = await http.PostAsync("/critical", new StringContent("""{"receiver": "x"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, noAlerts.StatusCode);
            Assert.Contains("alerts", await noAlerts.Content.ReadAsStringAsync());
            Assert.False(lines.TryTake(out var extra, TimeSpan.FromMilliseconds(200)), $"printed for a refused body: {extra}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }
}

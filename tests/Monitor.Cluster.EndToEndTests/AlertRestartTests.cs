using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Testing;
using Monitor.Testing.Receivers;

namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// The single node as a real process, restarted with no traffic afterwards: a firing alert keeps firing past
/// the validity its re-sends carry and no "resolved" reaches the webhook; versions with a reference, labels or
/// an alert are woken, so their drift, accuracy and ingest series are in /metrics without new records.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class AlertRestartTests : IDisposable
{
    // Evaluation and re-send every second: an alert not re-sent expires 4 s after its last re-send.
    private static readonly TimeSpan Validity = TimeSpan.FromSeconds(4);

    private readonly string _data = Directory.CreateTempSubdirectory("monitor-alert-restart-").FullName;
    private readonly int _port = FreePort.Next();
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();

    [Fact]
    public async Task A_restart_keeps_a_firing_alert_firing_sends_no_resolved_and_brings_the_series_back_without_traffic()
    {
        await using var receiver = new LoopbackReceiver();
        string fingerprint;
        using (var node = Start())
        {
            using var gateway = await ReadyAsync(node);
            await Send(gateway, HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = receiver.Url + "/hook" }, HttpStatusCode.Created);
            await Send(gateway, HttpMethod.Put, "/v1/alerts/routes", new { @default = new { channels = new[] { "hook" }, group_wait = "0s", group_interval = "1s" } }, HttpStatusCode.OK);
            await Send(gateway, HttpMethod.Post, "/v1/alerts/rules", new
            {
                name = "RestartErrors", model = "restart", version = "alerting", metric = "error_rate", comparator = ">", threshold = 0.05, window_minutes = 60,
            }, HttpStatusCode.Created);

            // A version with a reference and drifted records, one with labels, one whose errors fire the rule.
            var reference = Enumerable.Range(0, 100).Select(i => (double)(i % 10)).ToArray();
            await Send(gateway, HttpMethod.Put, "/v1/models/restart/versions/drifting/reference", new { features = new { x = reference } }, HttpStatusCode.OK);
            await Post(gateway, "/v1/predictions", Enumerable.Range(0, 100).Select(i => Record("drifting", i, features: new { x = 50.0 + i })));
            await Post(gateway, "/v1/predictions", Enumerable.Range(0, 40).Select(i => Record("labelled", i, id: $"l{i}")));
            await Post(gateway, "/v1/labels", Enumerable.Range(0, 40).Select(i => new { model = "restart", version = "labelled", id = $"l{i}", label = i < 30 ? "yes" : "no" }));
            await Post(gateway, "/v1/predictions", Enumerable.Range(0, 20).Select(i => Record("alerting", i, error: i % 2 == 0)));

            var fired = await receiver.WaitForAsync(r => r.Json.GetProperty("status").GetString() == "firing", TimeSpan.FromSeconds(60));
            Assert.Equal("RestartErrors", fired.Json.GetProperty("alerts")[0].GetProperty("labels").GetProperty("alertname").GetString());
            fingerprint = fired.Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString()!;
            await WaitForSeries(gateway, node, SeriesOfTheVersions);
            await node.StopAsync(TimeSpan.FromSeconds(60));
        }

        using (var node = Start())
        {
            using var gateway = await ReadyAsync(node);
            var restartedAt = DateTimeOffset.UtcNow;

            // Only /metrics and the alert grains are asked: nothing here activates a version.
            var text = await WaitForSeries(gateway, node, SeriesOfTheVersions);
            Assert.Contains("predictions_total{model=\"restart\",model_version=\"alerting\",status=\"error\"} 0\n", text);
            var (exit, lint) = await Promtool.CheckMetrics(text);
            Assert.True(exit == 0, lint);

            // The version re-sends its alert well past the validity the last re-send before the stop carried.
            var resent = await WaitFor(node, async () =>
            {
                var alerts = (await gateway.GetJsonAsync("/v1/alerts")).GetProperty("alerts").EnumerateArray().ToList();
                var restart = alerts.SingleOrDefault(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "RestartErrors");
                return restart.ValueKind == JsonValueKind.Object && restart.GetProperty("updated_at").GetDateTimeOffset() > restartedAt + (3 * Validity) ? restart.GetRawText() : null;
            }, () => "RestartErrors re-sent after the restart");
            var alert = JsonDocument.Parse(resent).RootElement;

            Assert.Equal(fingerprint, alert.GetProperty("fingerprint").GetString());
            var history = (await gateway.GetJsonAsync("/v1/alerts/history?model=restart")).GetProperty("events").EnumerateArray();
            Assert.DoesNotContain(history, e => e.GetProperty("event").GetString() == "resolved");
            Assert.All(receiver.Requests, r => Assert.Equal("firing", r.Json.GetProperty("status").GetString()));
            await node.StopAsync(TimeSpan.FromSeconds(60));
        }
    }

    private static readonly string[] SeriesOfTheVersions =
    [
        "monitor_drift_dataset_drifted{model=\"restart\",model_version=\"drifting\"} 1",
        "monitor_drift_feature_drifted{model=\"restart\",model_version=\"drifting\",feature=\"x\"} 1",
        "monitor_accuracy_ratio{model=\"restart\",model_version=\"labelled\"} 0.75",
        "predictions_total{model=\"restart\",model_version=\"alerting\",status=\"error\"} ",
        "predictions_total{model=\"restart\",model_version=\"labelled\",status=\"success\"} ",
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static object Record(string version, int i, bool error = false, string? id = null, object? features = null)
    {
        var record = new Dictionary<string, object?>
        {
            ["model"] = "restart",
            ["version"] = version,
            ["latency_ms"] = 10 + i,
            ["status"] = error ? "error" : "success",
            ["prediction"] = "yes",
            ["confidence"] = 0.9,
        };
        if (error)
        {
            record["error"] = "Timeout";
        }

        if (id is not null)
        {
            record["id"] = id;
        }

        if (features is not null)
        {
            record["features"] = features;
        }

        return record;
    }

    private static async Task Post(GatewayClient gateway, string path, IEnumerable<object> records)
    {
        using var response = await gateway.Http.PostAsJsonAsync(path, records.ToArray());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted || response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {body}");
        Assert.DoesNotContain("\"errors\":[{", body, StringComparison.Ordinal);
    }

    private static async Task Send(GatewayClient gateway, HttpMethod method, string path, object body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await gateway.Http.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Scrapes until every line is in the exposition (bounded), and answers the exposition.</summary>
    private static Task<string> WaitForSeries(GatewayClient gateway, MonitorProcess node, IReadOnlyList<string> lines) => WaitFor(node, async () =>
    {
        var text = await gateway.Http.GetStringAsync("/metrics");
        return lines.All(text.Contains) ? text : null;
    }, () => $"missing: {string.Join(" | ", lines)}");

    private static async Task<T> WaitFor<T>(MonitorProcess node, Func<Task<T?>> ask, Func<string> what)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (await ask() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within 90 s: {what()}\n{node.Tail}");
            }

            await Task.Delay(200);
        }
    }

    private MonitorProcess Start() => MonitorProcess.Start("single-node", RepoLayout.GatewayDll,
    [
        "--urls", $"http://127.0.0.1:{_port}",
        $"--Monitor:Storage:Directory={_data}",
        $"--Monitor:PredictionLog:Directory={Path.Combine(_data, "predictions")}",
        $"--Monitor:Cluster:SiloPort={_siloPort}",
        $"--Monitor:Cluster:GatewayPort={_gatewayPort}",
        "--Monitor:Windows:CheckpointInterval=00:00:01",
        "--Monitor:Alerting:EvaluationInterval=00:00:01",
        "--Monitor:Alerting:ResendInterval=00:00:01",
        "--Monitor:Alerting:DefaultRules=false",
        "--Monitor:Alerting:AllowedTargetNetworks:0=127.0.0.0/8",
        "--Monitor:Drift:EvaluationInterval=00:00:01",
        "--Monitor:Outcomes:RefreshInterval=00:00:01",
    ]);

    private async Task<GatewayClient> ReadyAsync(MonitorProcess node)
    {
        var gateway = new GatewayClient(new Uri($"http://127.0.0.1:{_port}"));
        await gateway.WaitReadyAsync(TimeSpan.FromSeconds(60), () => node.Tail);
        return gateway;
    }
}

using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>At-least-once delivery: a notification still in flight when Monitor stops is delivered after it starts again.</summary>
public sealed class DeliveryRestartTests
{
    [Fact]
    public async Task A_notification_pending_at_shutdown_is_delivered_after_the_restart()
    {
        var data = Directory.CreateTempSubdirectory("monitor-restart-").FullName;
        var hold = new TaskCompletionSource();
        await using var receiver = new LoopbackReceiver { HoldUntil = hold.Task };
        DateTimeOffset stoppedAt;
        await using (var first = new AlertingHost(dataDirectory: data))
        {
            await first.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = receiver.Url + "/hook" }, expect: 201);
            await first.Send(HttpMethod.Put, "/v1/alerts/routes", new { @default = new { channels = new[] { "hook" }, group_wait = "0s" } });
            await first.Send(HttpMethod.Post, "/v1/alerts/rules", new
            {
                name = "AnyTraffic", model = "restart", metric = "throughput", comparator = ">", threshold = 0.0, window_minutes = 1,
            }, expect: 201);
            await first.Send(HttpMethod.Post, "/v1/predictions", new { model = "restart", version = "v1", latency_ms = 5, status = "success", timestamp = first.Time.GetUtcNow() }, expect: 202);
            first.Time.Advance(TimeSpan.FromSeconds(15));
            await first.Get("/v1/models/restart/versions/v1/alerts");

            // The notification reached the channel, which has not answered yet: Monitor stops now.
            for (var i = 0; i < 100 && receiver.Arrived == 0; i++)
            {
                await Task.Delay(100);
            }

            Assert.Equal(1, receiver.Arrived);
            stoppedAt = first.Time.GetUtcNow();
        }

        Assert.Empty(receiver.Requests);
        hold.SetResult();
        await using var second = new AlertingHost(dataDirectory: data, start: stoppedAt);
        // The held request of the first run is recorded once released too: the second one is the redelivery.
        await receiver.WaitForAsync(_ => receiver.Requests.Count >= 2);
        Assert.Equal(2, receiver.Arrived);
        var delivered = receiver.Requests[1];
        Assert.Equal("AnyTraffic", delivered.Json.GetProperty("alerts")[0].GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("firing", delivered.Json.GetProperty("status").GetString());
    }
}

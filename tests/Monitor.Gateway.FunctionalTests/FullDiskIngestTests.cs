using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// Ingest with the prediction log on a full disk (a 2 MiB tmpfs): once a write has failed, requests are
/// refused with 503 and Retry-After at once, well within a second, instead of waiting; the node stays
/// healthy. Where the test cannot mount (not root) it says so in its output and checks nothing.
/// </summary>
public sealed class FullDiskIngestTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ingest_answers_503_within_a_second_once_the_prediction_log_cannot_write()
    {
        using var disk = SmallTmpfs.TryMount(out var reason);
        if (disk is null)
        {
            output.WriteLine($"Not run: {reason}. The full-disk test needs root to mount a tmpfs (CI runs as root).");
            return;
        }

        await using (var factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:PredictionLog:Directory"] = disk.Path,
            ["Monitor:PredictionLog:MaxFileBytes"] = "262144",
            ["Monitor:PredictionLog:MaxTotalBytes"] = "0",
            ["Monitor:PredictionLog:FailureRetryInterval"] = "00:01:00",
            ["Monitor:PredictionLog:FlushInterval"] = "00:00:00.050",
        }))
        {
            using var client = factory.CreateClient();
            var body = Body(5000);
            HttpStatusCode status = HttpStatusCode.Accepted;
            for (var i = 0; i < 400 && status == HttpStatusCode.Accepted; i++)
            {
                using var response = await client.PostAsync("/v1/predictions", new StringContent(body, Encoding.UTF8, "application/json"));
                status = response.StatusCode;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);

            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                using var refused = await client.PostAsync("/v1/predictions", new StringContent(body, Encoding.UTF8, "application/json"));
                clock.Stop();
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the 503 took {clock.Elapsed}");
                Assert.NotNull(refused.Headers.RetryAfter);
                Assert.Contains("prediction log", await refused.Content.ReadAsStringAsync());
            }

            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.True(RollingLogFile(disk.Path) <= 10, "a new file was opened per failed write");
        }
    }

    private static int RollingLogFile(string directory) => Monitor.Gateway.PredictionLog.RollingLogFile.ListFiles(directory).Count;

    private static string Body(int count)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"model\":\"disk\",\"version\":\"v1\",\"latency_ms\":5,\"status\":\"success\",\"prediction\":1,\"features\":{\"amount\":12.5}}");
        }

        return text.Append(']').ToString();
    }
}

using System.Net;

namespace Monitor.Gateway.FunctionalTests;

public sealed class ReferenceRestartTests
{
    [Fact]
    public async Task The_reference_settings_and_drift_survive_a_restart_of_the_single_node()
    {
        const string path = "/v1/models/durable/versions/v1";
        var reference = Enumerable.Range(0, 200).Select(i => Math.Sin(i) * 10).ToArray();
        string before;
        string dataDirectory;
        using (var first = MonitorFactory.With())
        {
            dataDirectory = first.DataDirectory;
            using var client = first.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"{path}/reference", new { features = new { x = reference } })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"{path}/drift/settings", new { alpha = 0.02 })).StatusCode);
            await client.PostValues("durable", "v1", Enumerable.Range(0, 100).Select(i => Math.Cos(i) * 10));
            before = (await client.GetOk($"{path}/reference")).ToJsonString();
        }

        try
        {
            using var second = MonitorFactory.With(dataDirectory);
            using var client = second.CreateClient();

            Assert.Equal(before, (await client.GetOk($"{path}/reference")).ToJsonString());
            Assert.Equal(0.02, (await client.GetOk($"{path}/drift/settings"))["alpha"]!.GetValue<double>());
            var report = await client.GetOk($"{path}/drift");
            Assert.Equal(100, report["window_records"]!.GetValue<int>());
            Assert.Equal(0.02, report["dataset"]!["alpha"]!.GetValue<double>());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_labelled_reference_still_calibrates_the_estimate_after_a_restart()
    {
        const string path = "/v1/models/durable-labels/versions/v1";
        string dataDirectory;
        using (var first = MonitorFactory.With())
        {
            dataDirectory = first.DataDirectory;
            using var client = first.CreateClient();
            var put = await client.PutJson($"{path}/reference", new
            {
                features = new { x = Enumerable.Range(0, 40).Select(i => (double)i).ToArray() },
                predictions = Enumerable.Range(0, 40).Select(i => i % 2).ToArray(),
                confidences = Enumerable.Repeat(0.95, 40).ToArray(),
                labels = Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? 1 - (i % 2) : i % 2).ToArray(),
            });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        try
        {
            using var second = MonitorFactory.With(dataDirectory);
            using var client = second.CreateClient();

            Assert.Equal(40, (await client.GetOk($"{path}/reference"))["calibration"]!["rows"]!.GetValue<int>());
            await client.PostRecords("durable-labels", "v1", Enumerable.Range(0, 10).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?> { ["x"] = (double)i }), prediction: 1);
            var estimated = (await client.GetOk($"{path}/summary?minutes=60"))["outcomes"]!["estimated"]!;
            Assert.False(estimated["uncalibrated"]!.GetValue<bool>());

            // Every reference row said 0.95 and three in four were right.
            Assert.Equal(0.75, estimated["accuracy"]!.GetValue<double>(), 9);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}

using System.Net;
using Monitor.Statistics.Drift;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// Installation-wide drift defaults (Monitor:Drift:Defaults:*) judge every version without settings of its own,
/// fill what a version's settings leave out, and stop the node at start-up when invalid. The report of a tied
/// feature names its test, the reason and how the p-value was obtained, and equals the engine's own evaluation.
/// </summary>
public sealed class DriftDefaultsApiTests
{
    [Fact]
    public async Task Installation_defaults_judge_versions_and_the_report_says_why()
    {
        using var factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Drift:Defaults:Alpha"] = "0.01",
            ["Monitor:Drift:Defaults:NumericTest"] = "ks",
            ["Monitor:Drift:Defaults:Multivariate:VarianceToKeep"] = "0.8",
        });
        try
        {
            using var client = factory.CreateClient();
            const string path = "/v1/models/defaults/versions/v1";
            // Counts 0-9 (tied): the KS verdict gets the tie-aware permutation p-value.
            double[] reference = [.. Enumerable.Range(0, 600).Select(i => (double)(i * 7 % 10))];
            double[] window = [.. Enumerable.Range(0, 80).Select(i => (double)(i * 3 % 10))];
            Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"{path}/reference", new { features = new { x = reference } })).StatusCode);
            await client.PostValues("defaults", "v1", window);
            var settings = await client.GetOk($"{path}/drift/settings");
            Assert.Equal(0.01, settings["alpha"]!.GetValue<double>());
            Assert.Equal("kolmogorov_smirnov", settings["numeric_test"]!.GetValue<string>());
            Assert.Equal(0.8, settings["multivariate"]!["variance_to_keep"]!.GetValue<double>());

            var report = await client.GetOk($"{path}/drift");
            Assert.Equal(0.01, report["dataset"]!["alpha"]!.GetValue<double>());
            var verdict = report["features"]![0]!["verdict"]!;
            Assert.Equal("kolmogorov_smirnov", verdict["test"]!.GetValue<string>());
            Assert.Contains("numeric_test", verdict["reason"]!.GetValue<string>());
            Assert.Contains("integer-valued, 10 distinct values", verdict["reason"]!.GetValue<string>());
            Assert.Equal("permutation", verdict["p_value_method"]!.GetValue<string>());

            // The grain runs the same engine: the same data and options give the same p-value.
            var engine = new DriftEngine(new DriftOptions { Alpha = 0.01, NumericTest = DriftTest.KolmogorovSmirnov });
            var expected = engine.Evaluate(DriftReference.Prepare([DriftColumn.Numeric("x", reference)]), [DriftColumn.Numeric("x", window)]);
            Assert.Equal(expected.Features[0].Verdict!.PValue, verdict["p_value"]!.GetValue<double>());

            // A version's settings take the fields they leave out from the installation's defaults.
            var put = await client.PutJson($"{path}/drift/settings", new { minimum_sample_size = 40 });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var changed = await client.GetOk($"{path}/drift/settings");
            Assert.Equal(40, changed["minimum_sample_size"]!.GetValue<int>());
            Assert.Equal(0.01, changed["alpha"]!.GetValue<double>());
            Assert.Equal("kolmogorov_smirnov", changed["numeric_test"]!.GetValue<string>());
            Assert.Equal(0.8, changed["multivariate"]!["variance_to_keep"]!.GetValue<double>());

            // A version's multivariate object takes what it leaves out from the installation's too.
            Assert.Equal(HttpStatusCode.OK, (await client.PutJson($"{path}/drift/settings", new { multivariate = new { reference_chunks = 5 } })).StatusCode);
            var multivariate = (await client.GetOk($"{path}/drift/settings"))["multivariate"]!;
            Assert.Equal(5, multivariate["reference_chunks"]!.GetValue<int>());
            Assert.Equal(0.8, multivariate["variance_to_keep"]!.GetValue<double>());
        }
        finally
        {
            Directory.Delete(factory.DataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("Alpha", "2", "alpha")]
    [InlineData("Multivariate:VarianceToKeep", "1.5", "multivariate.variance_to_keep")]
    public void Invalid_installation_defaults_stop_the_node_naming_the_setting(string setting, string value, string field)
    {
        using var factory = MonitorFactory.With(settings: new Dictionary<string, string?> { [$"Monitor:Drift:Defaults:{setting}"] = value });
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains($"Monitor:Drift:Defaults is invalid: {field}", error.ToString());
        }
        finally
        {
            if (Directory.Exists(factory.DataDirectory))
            {
                Directory.Delete(factory.DataDirectory, recursive: true);
            }
        }
    }
}

using System.Net;
using System.Text.RegularExpressions;

namespace Monitor.Gateway.FunctionalTests;

public sealed partial class DriftMetricsExpositionTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Drift_gauges_are_capped_per_version_removed_with_the_reference_and_pass_promtool()
    {
        const string path = "/v1/models/gauges/versions/v1";
        var features = Enumerable.Range(0, 4).ToDictionary(i => $"f{i}", i => Enumerable.Range(0, 60).Select(v => (double)(v + i)).ToArray());
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{path}/reference", new { features })).StatusCode);
        await Client.PostRecords("gauges", "v1", Enumerable.Range(0, 50).Select(v => (IDictionary<string, object?>)features.Keys.ToDictionary(k => k, k => (object?)(v * 2.0))));
        await Client.GetOk($"{path}/drift");

        var exposition = await Client.GetStringAsync("/metrics");

        Assert.Matches(@"monitor_drift_dataset_drifted\{model=""gauges"",model_version=""v1""\} 1", exposition);
        var pValueFeatures = FeatureLabel().Matches(exposition).Select(m => m.Groups[1].Value).Where(s => s.StartsWith("monitor_drift_feature_p_value", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pValueFeatures.Count); // four features, capped at three (Monitor:Drift:MaxFeatureSeries)
        Assert.Contains(@"monitor_drift_feature_psi{model=""gauges"",model_version=""v1"",feature=""f0""}", exposition);
        Assert.DoesNotContain(@"feature=""f3""", exposition);
        Assert.Contains(@"monitor_data_quality_null_ratio{model=""gauges"",model_version=""v1"",feature=""f1""} 0", exposition);
        Assert.Contains(@"monitor_data_quality_records_total{model=""gauges"",model_version=""v1"",issue=""missing_features""} 0", exposition);

        var (exitCode, output) = await Promtool.CheckMetrics(exposition);
        Assert.True(exitCode == 0, $"promtool check metrics: {output}");

        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"{path}/reference")).StatusCode);
        var after = await Client.GetStringAsync("/metrics");
        Assert.DoesNotContain(@"monitor_drift_dataset_drifted{model=""gauges""", after);
        Assert.DoesNotContain(@"monitor_drift_feature_p_value{model=""gauges""", after);
    }

    [GeneratedRegex(@"^(monitor_drift_feature_p_value\{model=""gauges"",model_version=""v1"",feature=""[^""]+"",test=""[^""]+""\})", RegexOptions.Multiline)]
    private static partial Regex FeatureLabel();
}

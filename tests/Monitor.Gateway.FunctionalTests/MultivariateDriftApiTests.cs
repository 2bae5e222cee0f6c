using System.Net;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// Multivariate drift over HTTP: a window whose features keep their distributions but flip a correlation drifts
/// in the report's multivariate section (and not in the dataset verdict), /metrics exports it per version, alert
/// rules may use it, and its settings are checked field by field.
/// </summary>
public sealed class MultivariateDriftApiTests(DriftApiFixture fixture) : IClassFixture<DriftApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task A_correlation_flip_is_reported_exported_and_usable_by_rules()
    {
        const string path = "/v1/models/mv/versions/v1";
        var (a, b, c) = Chain(new Random(1), 2000, flip: false);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{path}/reference", new { features = new { a, b, c, kind = a.Select(_ => "x").ToArray() } })).StatusCode);
        var (wa, wb, wc) = Chain(new Random(2), 600, flip: true);
        await Client.PostRecords("mv", "v1", Enumerable.Range(0, 600).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["a"] = wa[i], ["b"] = wb[i], ["c"] = wc[i], ["kind"] = "x",
        }));

        var report = await Client.GetOk($"{path}/drift");

        Assert.False(report["dataset"]!["drifted"]!.GetValue<bool>());
        var multivariate = report["multivariate"]!;
        Assert.Equal("pca_reconstruction", multivariate["method"]!.GetValue<string>());
        Assert.Equal("evaluated", multivariate["status"]!.GetValue<string>());
        Assert.True(multivariate["drifted"]!.GetValue<bool>());
        Assert.Equal(600, multivariate["window_rows"]!.GetValue<int>());
        Assert.Equal(["a", "b", "c"], multivariate["features"]!.AsArray().Select(f => f!.GetValue<string>()));
        var error = multivariate["reconstruction_error"]!.GetValue<double>();
        Assert.True(error > multivariate["upper_threshold"]!.GetValue<double>());

        var exposition = await Client.GetStringAsync("/metrics");
        Assert.Contains("monitor_drift_multivariate_drifted{model=\"mv\",model_version=\"v1\"} 1", exposition);
        Assert.Contains("monitor_drift_multivariate_reconstruction_error{model=\"mv\",model_version=\"v1\"}", exposition);
        Assert.Contains("monitor_drift_multivariate_threshold{model=\"mv\",model_version=\"v1\",bound=\"upper\"}", exposition);

        var (status, _) = await Client.PostJson("/v1/alerts/rules", new
        {
            name = "MultivariateDriftMv", model = "mv", metric = "multivariate_drift_detected", window_minutes = 15,
            comparator = ">=", threshold = 1, @for = "10m", severity = "warning", min_samples = 0,
        });
        Assert.Equal(201, status);
    }

    [Fact]
    public async Task Multivariate_settings_are_checked_and_switching_it_off_removes_the_section()
    {
        const string path = "/v1/models/mvsettings/versions/v1";
        var (a, b, c) = Chain(new Random(3), 1000, flip: false);
        await Client.PutJson($"{path}/reference", new { features = new { a, b, c } });
        var (wa, wb, wc) = Chain(new Random(4), 100, flip: false);
        await Client.PostRecords("mvsettings", "v1", Enumerable.Range(0, 100).Select(i => (IDictionary<string, object?>)new Dictionary<string, object?> { ["a"] = wa[i], ["b"] = wb[i], ["c"] = wc[i] }));

        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { multivariate = new { variance_to_keep = 1.5 } }), HttpStatusCode.BadRequest, "multivariate.variance_to_keep");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { multivariate = new { reference_chunks = 1 } }), HttpStatusCode.BadRequest, "multivariate.reference_chunks");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { multivariate = new { colour = "blue" } }), HttpStatusCode.BadRequest, "multivariate.colour");
        await Http.AssertProblem(await Client.PutJson($"{path}/drift/settings", new { multivariate = new { enabled = "yes" } }), HttpStatusCode.BadRequest, "multivariate.enabled");
        Assert.Equal(10, (await Client.GetOk($"{path}/drift"))["multivariate"]!["reference_chunks"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{path}/drift/settings", new { multivariate = new { variance_to_keep = 0.9, reference_chunks = 8 } })).StatusCode);
        var settings = await Client.GetOk($"{path}/drift/settings");
        Assert.Equal(0.9, settings["multivariate"]!["variance_to_keep"]!.GetValue<double>());
        Assert.True(settings["multivariate"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(8, (await Client.GetOk($"{path}/drift"))["multivariate"]!["reference_chunks"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.OK, (await Client.PutJson($"{path}/drift/settings", new { multivariate = new { enabled = false } })).StatusCode);
        Assert.Null((await Client.GetOk($"{path}/drift"))["multivariate"]);
    }

    // Three standard normal features in a chain of correlation 0.8; flipped, the middle one changes sign.
    private static (double[] A, double[] B, double[] C) Chain(Random random, int rows, bool flip)
    {
        double[] a = new double[rows], b = new double[rows], c = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = Normal(random);
            var middle = (0.8 * a[i]) + (0.6 * Normal(random));
            c[i] = (0.8 * middle) + (0.6 * Normal(random));
            b[i] = flip ? -middle : middle;
        }

        return (a, b, c);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

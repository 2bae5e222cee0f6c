namespace Monitor.Gateway.FunctionalTests;

/// <summary>
/// One single node for the drift and reference tests, with small limits so oversize uploads are cheap to
/// send: references of at most 2,000 rows, 8 features and 256 KB; series for at most 3 features per version.
/// </summary>
public sealed class DriftApiFixture : IDisposable
{
    public DriftApiFixture()
    {
        Factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Drift:MaxReferenceRows"] = "2000",
            ["Monitor:Drift:MaxReferenceFeatures"] = "8",
            ["Monitor:Drift:MaxReferenceBytes"] = "262144",
            ["Monitor:Drift:MaxFeatureSeries"] = "3",
        });
        Client = Factory.CreateClient();
    }

    public MonitorFactory Factory { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Directory.Delete(Factory.DataDirectory, recursive: true);
    }
}

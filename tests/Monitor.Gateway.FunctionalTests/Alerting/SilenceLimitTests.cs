using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>Silences are capped in number (pending and active) and in length, as configured, through the real API.</summary>
public sealed class SilenceLimitTests(SilenceLimitTests.Node node) : IClassFixture<SilenceLimitTests.Node>
{
    private readonly HttpClient _client = node.Client;

    [Fact]
    public async Task Past_the_cap_a_silence_is_refused_409_until_one_is_expired()
    {
        // A silence of exactly the limit is kept, and a pending one counts towards the cap.
        var exact = await Create("exact", "\"starts_at\":\"2030-01-01T00:00:00Z\",\"duration\":\"2d\"");
        Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
        Assert.Equal("pending", (await Http.Json(exact))["state"]!.GetValue<string>());
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var created = await Create($"m{i}", "\"duration\":\"1h\"");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await Http.Json(created))["id"]!.GetValue<string>());
        }

        var problem = await Http.AssertProblem(await Create("m3", "\"duration\":\"1h\""), HttpStatusCode.Conflict, "silences");
        Assert.Contains("Monitor:Alerting:MaxActiveSilences", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _client.DeleteAsync($"/v1/alerts/silences/{ids[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Create("m3", "\"duration\":\"1h\"")).StatusCode);
        var listed = (await _client.GetOk("/v1/alerts/silences"))["silences"]!.AsArray();
        Assert.Equal(2, listed.Count(s => s!["state"]!.GetValue<string>() == "active"));
        Assert.Equal(1, listed.Count(s => s!["state"]!.GetValue<string>() == "pending"));
    }

    [Theory]
    [InlineData("\"duration\":\"2d1s\"", "ends_at")]
    [InlineData("\"duration\":172801", "ends_at")]
    [InlineData("\"starts_at\":\"2030-01-01T00:00:00Z\",\"ends_at\":\"2030-01-03T00:00:01Z\"", "ends_at")]
    [InlineData("\"starts_at\":\"9999-12-31T00:00:00Z\",\"duration\":\"2d\"", "duration")]
    public async Task A_silence_longer_than_the_limit_is_refused_naming_its_end(string timing, string field)
    {
        var problem = await Http.AssertProblem(await Create("long", timing), HttpStatusCode.BadRequest, field);
        Assert.DoesNotContain("An error occurred", problem.ToJsonString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Create(string model, string timing) =>
        _client.PostAsync("/v1/alerts/silences", new StringContent(
            $$"""{"matchers":[{"name":"model","value":"{{model}}"}],{{timing}},"created_by":"oncall","comment":"limits"}""", Encoding.UTF8, "application/json"));

    /// <summary>A node allowing three silences of at most two days.</summary>
    public sealed class Node : IAsyncLifetime
    {
        private readonly MonitorFactory _factory = MonitorFactory.With(settings: new Dictionary<string, string?>
        {
            ["Monitor:Alerting:MaxActiveSilences"] = "3",
            ["Monitor:Alerting:MaxSilenceDuration"] = "2.00:00:00",
        });

        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await _factory.DisposeAsync();
            Directory.Delete(_factory.DataDirectory, recursive: true);
        }
    }
}

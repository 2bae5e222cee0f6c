using System.Text.Json;

namespace Monitor.Testing;

/// <summary>One in-memory gateway shared by the tests of a class; each test uses its own model names.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public MonitorFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task<JsonElement> OpenApiDocumentAsync()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        try
        {
            Directory.Delete(Factory.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS may still hold a file for a moment; the directory is under the temp folder.
        }
    }
}

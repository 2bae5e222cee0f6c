using System.Text;
using Monitor.Testing.Receivers;

namespace Monitor.Gateway.FunctionalTests.Alerting;

/// <summary>
/// Channel secrets are encrypted in the grain store (the database file and its WAL never hold them), are
/// still usable after a restart, and every data file is readable by its owner alone.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SecretsAtRestTests
{
    private const string Token = "T0KEN-AT-REST-9Q7X";

    [Fact]
    public async Task Secrets_never_reach_the_database_in_plain_text_and_still_deliver_after_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("monitor-secrets-").FullName;
        await using var receiver = new LoopbackReceiver();
        await using (var first = new AlertingHost(dataDirectory: data))
        {
            await first.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "hook", kind = "webhook", url = $"{receiver.Url}/hook/{Token}" }, expect: 201);
            await first.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "pager", kind = "pagerduty", routing_key = Token + "-rk", url = "https://events.example.com/v2/enqueue" }, expect: 201);
            await first.Send(HttpMethod.Post, "/v1/alerts/channels", new
            {
                name = "mail", kind = "email", to = new[] { "oncall@example.test" }, from = "monitor@example.test", smtp_host = "smtp.example.com",
                username = "monitor", password = Token + "-pw",
            }, expect: 201);
            await first.Send(HttpMethod.Put, "/v1/alerts/routes", new { @default = new { channels = new[] { "hook" }, group_wait = "0s" } });
            await first.Send(HttpMethod.Post, "/v1/alerts/rules", new
            {
                name = "AnyTraffic", model = "secret", metric = "throughput", comparator = ">", threshold = 0.0, window_minutes = 1,
            }, expect: 201);
        }

        var database = Path.Combine(data, "monitor.db");
        Assert.True(File.Exists(database));
        foreach (var file in Directory.EnumerateFiles(data, "monitor.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Token)) < 0, $"{Path.GetFileName(file)} holds a secret in plain text");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(Token)) < 0, $"{Path.GetFileName(file)} holds a secret in UTF-16");
        }

        await using var second = new AlertingHost(dataDirectory: data);
        await second.Send(HttpMethod.Post, "/v1/predictions", new { model = "secret", version = "v1", latency_ms = 5, status = "success", timestamp = second.Time.GetUtcNow() }, expect: 202);
        second.Time.Advance(TimeSpan.FromSeconds(15));
        await second.Get("/v1/models/secret/versions/v1/alerts");
        await receiver.WaitForAsync(_ => receiver.Requests.Count >= 1);
        Assert.Equal($"/hook/{Token}", receiver.Requests[0].Path);

        var mail = await second.Get("/v1/alerts/channels/mail");
        Assert.Equal(["password"], mail.GetProperty("secrets").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Data_files_are_created_for_their_owner_alone()
    {
        var parent = Directory.CreateTempSubdirectory("monitor-modes-").FullName;
        var data = Path.Combine(parent, "data");
        await using (var host = new AlertingHost(dataDirectory: data))
        {
            await host.Send(HttpMethod.Post, "/v1/alerts/channels", new { name = "pager", kind = "pagerduty", routing_key = Token }, expect: 201);
            await host.Send(HttpMethod.Post, "/v1/predictions", new { model = "modes", version = "v1", latency_ms = 5, status = "success" }, expect: 202);
            var predictions = Path.Combine(data, "predictions");
            for (var i = 0; i < 100 && !(Directory.Exists(predictions) && Directory.EnumerateFiles(predictions).Any()); i++)
            {
                await Task.Delay(50);
            }

            AssertPrivateFiles(data);
        }

        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Assert.Equal(Private, File.GetUnixFileMode(data));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, "keys")));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(data, "predictions")));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(data, "keys"), "*.xml"));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(data, "predictions"), "*.jsonl"));
        AssertPrivateFiles(data);
    }

    [Fact]
    public async Task A_database_left_readable_by_others_is_narrowed_to_its_owner_when_opened()
    {
        var data = Directory.CreateTempSubdirectory("monitor-narrow-").FullName;
        await using (var first = new AlertingHost(dataDirectory: data))
        {
            await first.Get("/v1/alerts/channels");
        }

        var wide = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(Path.Combine(data, "monitor.db"), wide);
        await using var second = new AlertingHost(dataDirectory: data);
        await second.Get("/v1/alerts/channels");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "monitor.db")));
    }

    private static void AssertPrivateFiles(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("monitor.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.True(File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{file} has mode {File.GetUnixFileMode(file)}");
        }
    }
}

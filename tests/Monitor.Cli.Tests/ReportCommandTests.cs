using System.CommandLine;
using Monitor.Cli;
using Monitor.Testing.Receivers;

namespace Monitor.Cli.Tests;

/// <summary>Runs <c>monitor report</c> in-process against a loopback HTTP server standing in for the gateway.</summary>
public sealed class ReportCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Program.CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task The_report_is_asked_for_with_its_period_format_version_and_key_and_written_to_the_file()
    {
        await using var gateway = new LoopbackReceiver(_ => (200, "<!DOCTYPE html><html><body>review</body></html>"));
        var file = Path.Combine(Directory.CreateTempSubdirectory("monitor-cli-report-").FullName, "review.html");

        var (exit, output, error) = await Run("report", "--url", gateway.Url, "--model", "fraud detector", "--version", "v/2", "--period", "2w", "--format", "HTML", "--api-key", "k-123", "-o", file);

        Assert.True(exit == 0, error);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/models/fraud%20detector/report?period=2w&format=html&version=v%2F2", request.Path);
        Assert.Equal("Bearer k-123", request.Headers["Authorization"]);
        Assert.Equal("<!DOCTYPE html><html><body>review</body></html>", await File.ReadAllTextAsync(file));
        Assert.StartsWith($"wrote {file}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_output_file_the_report_goes_to_standard_output()
    {
        await using var gateway = new LoopbackReceiver(_ => (200, "# Review of fraud\n"));

        var (exit, output, _) = await Run("report", "--url", gateway.Url, "--model", "fraud", "--format", "md");

        Assert.Equal(0, exit);
        Assert.Equal("# Review of fraud\n", output);
        Assert.Equal("/v1/models/fraud/report?period=7d&format=md", Assert.Single(gateway.Requests).Path);
    }

    [Fact]
    public async Task The_gateways_refusal_is_printed_with_its_status()
    {
        await using var gateway = new LoopbackReceiver(_ => (404, "{\"title\":\"Not found\",\"status\":404,\"detail\":\"model: no model 'x' has received predictions\",\"field\":\"model\"}"));

        var (exit, _, error) = await Run("report", "--url", gateway.Url, "--model", "x");

        Assert.Equal(1, exit);
        Assert.Equal("404: model: no model 'x' has received predictions", error.Trim());
    }

    [Theory]
    [InlineData("--period", "7", "--period: must be a whole number")]
    [InlineData("--format", "pdf", "--format: must be html, json or md")]
    [InlineData("--url", "not a url", "--url: must be an absolute address")]
    public async Task Bad_options_are_refused_before_asking_the_gateway(string option, string value, string message)
    {
        await using var gateway = new LoopbackReceiver();
        var args = new List<string> { "report", "--model", "m", option, value };
        if (option != "--url")
        {
            args.AddRange(["--url", gateway.Url]);
        }

        var (exit, _, error) = await Run([.. args]);

        Assert.Equal(2, exit);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task An_unreachable_gateway_is_an_error_not_a_crash()
    {
        var (exit, _, error) = await Run("report", "--url", $"http://127.0.0.1:{LoopbackReceiver.FreePort()}", "--model", "m");

        Assert.Equal(1, exit);
        Assert.Contains("could not reach", error, StringComparison.Ordinal);
    }
}

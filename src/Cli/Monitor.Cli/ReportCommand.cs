using System.CommandLine;
using System.Text.Json;
using Monitor.Grains.Reports;

namespace Monitor.Cli;

/// <summary><c>monitor report</c>: a model's review from a running gateway (GET /v1/models/{model}/report), to a file or standard output.</summary>
public static class ReportCommand
{
    public static Command Create(Func<HttpClient>? client = null)
    {
        var url = new Option<string>("--url") { Description = "Gateway address", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var model = new Option<string>("--model") { Description = "The model to review", Required = true };
        var version = new Option<string?>("--version") { Description = "One version to review (default: every version)" };
        var period = new Option<string>("--period") { Description = "How far back: a whole number and m, h, d or w", DefaultValueFactory = _ => "7d" };
        var format = new Option<string>("--format") { Description = "html, json or md", DefaultValueFactory = _ => "html" };
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output)" };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key with the read role, when the gateway requires keys (default: $MONITOR_API_KEY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MONITOR_API_KEY"),
        };
        var command = new Command("report", "Write a model's review over a period (what changed, traffic, latency, outputs, drift, quality, performance, A/B, alerts)")
        {
            url, model, version, period, format, output, apiKey,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var stdout = result.InvocationConfiguration.Output;
            var stderr = result.InvocationConfiguration.Error;
            if (!ReportPeriod.TryParse(result.GetValue(period), out var length, out var reason))
            {
                await stderr.WriteLineAsync($"--period: {reason}");
                return 2;
            }

            if (!ReportFormats.TryParse(result.GetValue(format), out var kind, out reason))
            {
                await stderr.WriteLineAsync($"--format: {reason}");
                return 2;
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var gateway))
            {
                await stderr.WriteLineAsync($"--url: must be an absolute address such as http://127.0.0.1:8080, got '{result.GetValue(url)}'");
                return 2;
            }

            var path = $"v1/models/{Uri.EscapeDataString(result.GetValue(model)!)}/report?period={length.Text}&format={ReportFormats.Extension(kind)}";
            if (result.GetValue(version) is { Length: > 0 } v)
            {
                path += $"&version={Uri.EscapeDataString(v)}";
            }

            using var http = client?.Invoke() ?? new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(gateway.ToString().TrimEnd('/') + "/"), path));
            if (result.GetValue(apiKey) is { Length: > 0 } key)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                await stderr.WriteLineAsync($"could not reach {gateway}: {ex.Message}");
                return 1;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    await stderr.WriteLineAsync($"{(int)response.StatusCode}: {ProblemDetail(text)}");
                    return 1;
                }

                if (result.GetValue(output) is { Length: > 0 } file)
                {
                    await File.WriteAllTextAsync(file, text, cancellationToken);
                    await stdout.WriteLineAsync($"wrote {file} ({text.Length} characters)");
                }
                else
                {
                    await stdout.WriteAsync(text);
                }

                return 0;
            }
        });
        return command;
    }

    /// <summary>The detail of a problem answer, or the start of whatever else came back.</summary>
    private static string ProblemDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var detail))
            {
                return detail.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
        }

        return body.Length <= 300 ? body : body[..300] + "…";
    }
}

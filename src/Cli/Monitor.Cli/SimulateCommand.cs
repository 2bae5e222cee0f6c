using System.CommandLine;
using System.Globalization;
using Monitor.Cli.Simulation;

namespace Monitor.Cli;

/// <summary><c>monitor simulate</c>: realistic prediction telemetry sent to a running gateway.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Gateway address", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var models = new Option<string>("--models")
        {
            Description = "Models and versions as model:version[,version];model:version (e.g. fraud:v1,v2;churn:v1)",
            DefaultValueFactory = _ => "fraud:v1,v2;churn:v1",
        };
        var rate = new Option<double>("--rate") { Description = "Records per second, over all versions", DefaultValueFactory = _ => 200 };
        var duration = new Option<double>("--duration") { Description = "Seconds to run", DefaultValueFactory = _ => 60 };
        var batch = new Option<int>("--batch-size") { Description = "Records per request", DefaultValueFactory = _ => 50 };
        var features = new Option<int>("--features") { Description = "Numeric features per record (plus a categorical 'country')", DefaultValueFactory = _ => 4 };
        var errors = new Option<double>("--error-rate") { Description = "Share of failed predictions", DefaultValueFactory = _ => 0.02 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 42 };
        var shift = new Option<string[]>("--shift")
        {
            Description = "Shift a feature by N standard deviations, e.g. --shift amount=0.5 (repeatable)",
            AllowMultipleArgumentsPerToken = true,
        };
        var shiftAfter = new Option<double>("--shift-after") { Description = "Seconds after start when shifts begin", DefaultValueFactory = _ => 0 };
        var latencyFactor = new Option<double>("--latency-factor") { Description = "Multiply latencies by this during the spike", DefaultValueFactory = _ => 1 };
        var spikeAfter = new Option<double>("--spike-after") { Description = "Seconds after start when the latency spike begins", DefaultValueFactory = _ => 0 };
        var spikeFor = new Option<double>("--spike-for") { Description = "Seconds the latency spike lasts (default: to the end)", DefaultValueFactory = _ => double.PositiveInfinity };
        var inject = new Option<string[]>("--inject-into")
        {
            Description = "Apply shifts and spikes only to these model/version keys (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };

        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key with the ingest role, when the gateway requires keys (default: $MONITOR_API_KEY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MONITOR_API_KEY"),
        };

        var command = new Command("simulate", "Send realistic prediction telemetry to a running Monitor gateway")
        {
            apiKey, url, models, rate, duration, batch, features, errors, seed, shift, shiftAfter, latencyFactor, spikeAfter, spikeFor, inject,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            SimulationPlan plan;
            try
            {
                var after = TimeSpan.FromSeconds(result.GetValue(spikeAfter));
                var lasting = result.GetValue(spikeFor);
                plan = new SimulationPlan
                {
                    Gateway = new Uri(result.GetValue(url)!),
                    Versions = ParseVersions(result.GetValue(models)!),
                    RecordsPerSecond = Positive(result.GetValue(rate), "--rate"),
                    Duration = TimeSpan.FromSeconds(Positive(result.GetValue(duration), "--duration")),
                    BatchSize = (int)Positive(result.GetValue(batch), "--batch-size"),
                    NumericFeatures = result.GetValue(features),
                    ErrorRate = result.GetValue(errors),
                    Seed = result.GetValue(seed),
                    FeatureShifts = ParseShifts(result.GetValue(shift) ?? []),
                    ShiftAfter = TimeSpan.FromSeconds(result.GetValue(shiftAfter)),
                    LatencyFactor = result.GetValue(latencyFactor),
                    SpikeAfter = after,
                    SpikeUntil = double.IsPositiveInfinity(lasting) ? TimeSpan.MaxValue : after + TimeSpan.FromSeconds(lasting),
                    InjectInto = (result.GetValue(inject) ?? []).ToHashSet(StringComparer.Ordinal),
                };
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            if (result.GetValue(apiKey) is { Length: > 0 } key)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }

            var simulator = new TrafficSimulator(plan, http, Console.Out);
            await simulator.RunAsync(cancellationToken);
            return simulator.FailedRequests == 0 && simulator.Rejected == 0 ? 0 : 1;
        });
        return command;
    }

    public static IReadOnlyList<(string Model, string Version)> ParseVersions(string spec)
    {
        var versions = new List<(string, string)>();
        foreach (var part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0 || colon == part.Length - 1)
            {
                throw new FormatException($"--models: '{part}' is not model:version[,version]");
            }

            foreach (var version in part[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                versions.Add((part[..colon], version));
            }
        }

        return versions.Count > 0 ? versions : throw new FormatException("--models: name at least one model:version");
    }

    public static IReadOnlyDictionary<string, double> ParseShifts(IEnumerable<string> specs)
    {
        var shifts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=');
            if (eq <= 0 || !double.TryParse(spec[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var by))
            {
                throw new FormatException($"--shift: '{spec}' is not feature=standard-deviations");
            }

            shifts[spec[..eq]] = by;
        }

        return shifts;
    }

    private static double Positive(double value, string name) =>
        value > 0 ? value : throw new FormatException($"{name}: must be greater than 0");
}

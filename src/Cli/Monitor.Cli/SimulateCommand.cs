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

        var labels = new Option<bool>("--labels") { Description = "Also send ground truth for the predictions (POST /v1/labels)" };
        var labelDelay = new Option<double>("--label-delay") { Description = "Seconds from a prediction to its label", DefaultValueFactory = _ => 5 };
        var labelShare = new Option<double>("--label-share") { Description = "Share of successful predictions that get a label", DefaultValueFactory = _ => 1 };
        var labelVersion = new Option<bool>("--labels-name-version") { Description = "Labels name their version (by default only model and id: Monitor finds the version)" };
        var accuracy = RateOption("--label-accuracy", "Share of labels equal to the prediction: 0.9, or per version fraud/v2=0.8 (repeatable)", "0.9");
        var clicks = RateOption("--click-rate", "Clicks per prediction: 0.1, or per version fraud/v2=0.12 (repeatable)", "0");
        var conversions = RateOption("--conversion-rate", "Conversions per prediction: 0.02, or per version (repeatable)", "0");
        var revenue = RateOption("--revenue-rate", "Revenue events per prediction: 0.02, or per version (repeatable)", "0");
        var revenueMean = new Option<double>("--revenue-mean") { Description = "Mean amount of a revenue event", DefaultValueFactory = _ => 25 };
        var eventDelay = new Option<double>("--event-delay") { Description = "Seconds from a prediction to its business events", DefaultValueFactory = _ => 1 };

        var apiKey = new Option<string?>("--api-key")
        {
            Description = "API key with the ingest role, when the gateway requires keys (default: $MONITOR_API_KEY)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MONITOR_API_KEY"),
        };

        var command = new Command("simulate", "Send realistic prediction telemetry to a running Monitor gateway, optionally with labels and business events")
        {
            apiKey, url, models, rate, duration, batch, features, errors, seed, shift, shiftAfter, latencyFactor, spikeAfter, spikeFor, inject,
            labels, labelDelay, labelShare, labelVersion, accuracy, clicks, conversions, revenue, revenueMean, eventDelay,
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
                    Outcomes = new OutcomePlan
                    {
                        SendLabels = result.GetValue(labels),
                        LabelDelay = TimeSpan.FromSeconds(NotNegative(result.GetValue(labelDelay), "--label-delay")),
                        LabelShare = Share(result.GetValue(labelShare), "--label-share"),
                        LabelsNameVersion = result.GetValue(labelVersion),
                        Accuracy = ParseRates(result.GetValue(accuracy) ?? [], "--label-accuracy", 0.9),
                        ClickRate = ParseRates(result.GetValue(clicks) ?? [], "--click-rate", 0),
                        ConversionRate = ParseRates(result.GetValue(conversions) ?? [], "--conversion-rate", 0),
                        RevenueRate = ParseRates(result.GetValue(revenue) ?? [], "--revenue-rate", 0),
                        RevenueMean = Positive(result.GetValue(revenueMean), "--revenue-mean"),
                        EventDelay = TimeSpan.FromSeconds(NotNegative(result.GetValue(eventDelay), "--event-delay")),
                    },
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
            var outcomesOk = simulator.Outcomes is not { } o || (o.FailedRequests == 0 && o.Rejected == 0);
            return simulator.FailedRequests == 0 && simulator.Rejected == 0 && outcomesOk ? 0 : 1;
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

    /// <summary>Rates as "0.1" (every version) and "model/version=0.2" (one version); the last plain value wins.</summary>
    public static VersionRates ParseRates(IEnumerable<string> specs, string name, double fallback)
    {
        var byVersion = new Dictionary<string, double>(StringComparer.Ordinal);
        var all = fallback;
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=');
            var text = eq < 0 ? spec : spec[(eq + 1)..];
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 0 || rate > 1 || (eq >= 0 && !spec[..eq].Contains('/')))
            {
                throw new FormatException($"{name}: '{spec}' is not a rate in [0, 1] or model/version=rate");
            }

            if (eq < 0)
            {
                all = rate;
            }
            else
            {
                byVersion[spec[..eq]] = rate;
            }
        }

        return new VersionRates(all) { ByVersion = byVersion };
    }

    private static Option<string[]> RateOption(string name, string description, string fallback) => new(name)
    {
        Description = $"{description}; default {fallback}",
        AllowMultipleArgumentsPerToken = true,
    };

    private static double Positive(double value, string name) =>
        value > 0 ? value : throw new FormatException($"{name}: must be greater than 0");

    private static double NotNegative(double value, string name) =>
        value >= 0 ? value : throw new FormatException($"{name}: must not be negative");

    private static double Share(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new FormatException($"{name}: must be between 0 and 1");
}

using System.Text.Json;

namespace Monitor.Cli.Simulation;

/// <summary>
/// Realistic telemetry for one version: gamma(2, 15) ms latencies, a share of errors, standard
/// normal numeric features plus a categorical one, and a binary classifier whose confidence follows
/// its own score.
/// </summary>
public sealed class RecordFactory(SimulationPlan plan, Random random)
{
    private static readonly string[] Countries = ["DE", "FR", "US", "GB", "ES", "IT", "NL", "PL"];
    private static readonly string[] ErrorTypes = ["Timeout", "Timeout", "Timeout", "ModelError", "InvalidInput"];

    /// <summary>Writes one record and returns what was predicted, so labels and events can follow it.</summary>
    public SentPrediction Write(Utf8JsonWriter json, string model, string version, TimeSpan elapsed, DateTimeOffset now)
    {
        var inject = plan.Injects(model, version);
        var failed = random.NextDouble() < plan.ErrorRate;
        var latency = Gamma(2, 15);
        if (inject && elapsed >= plan.SpikeAfter && elapsed < plan.SpikeUntil)
        {
            latency *= plan.LatencyFactor;
        }

        json.WriteStartObject();
        json.WriteString("model", model);
        json.WriteString("version", version);
        var id = $"req-{Guid.NewGuid():N}";
        json.WriteString("id", id);
        json.WriteString("timestamp", now);
        json.WriteStartObject("features");
        var score = 0.0;
        for (var f = 0; f < plan.NumericFeatures; f++)
        {
            var name = FeatureName(f);
            var value = Normal();
            if (inject && elapsed >= plan.ShiftAfter && plan.FeatureShifts.TryGetValue(name, out var shift))
            {
                value += shift;
            }

            score += value / (f + 1);
            json.WriteNumber(name, Math.Round(value, 6));
        }

        json.WriteString("country", Countries[random.Next(Countries.Length)]);
        json.WriteEndObject();
        var probability = 1 / (1 + Math.Exp(-score));
        int? predicted = failed ? null : probability >= 0.5 ? 1 : 0;
        if (failed)
        {
            json.WriteNull("prediction");
            json.WriteNumber("latency_ms", Math.Round(latency, 3));
            json.WriteString("status", "error");
            json.WriteString("error", ErrorTypes[random.Next(ErrorTypes.Length)]);
        }
        else
        {
            json.WriteNumber("prediction", predicted!.Value);
            json.WriteNumber("confidence", Math.Round(Math.Max(probability, 1 - probability), 4));
            json.WriteNumber("latency_ms", Math.Round(latency, 3));
            json.WriteString("status", "success");
        }

        json.WriteEndObject();
        return new SentPrediction(model, version, id, predicted);
    }

    public static string FeatureName(int index) => index switch
    {
        0 => "amount",
        1 => "age",
        2 => "tenure",
        3 => "score",
        _ => $"f{index}",
    };

    private double Normal()
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private double Gamma(int shape, double scale)
    {
        // A whole shape is a sum of exponentials.
        var sum = 0.0;
        for (var i = 0; i < shape; i++)
        {
            sum -= Math.Log(1.0 - random.NextDouble());
        }

        return sum * scale;
    }
}

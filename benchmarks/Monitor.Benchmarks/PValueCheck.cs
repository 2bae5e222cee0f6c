using System.Text.Json;
using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Benchmarks;

/// <summary>
/// Compares Monitor's per-feature KS results with scipy's on the very data the baseline timed
/// (<c>drift_baseline.py --dump FILE</c>), and prints the largest differences.
/// </summary>
internal static class PValueCheck
{
    public static int Run(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        int worstCases = 0;
        foreach (JsonProperty shape in document.RootElement.EnumerateObject())
        {
            double maxRelative = 0, maxAbsolute = 0;
            int features = 0;
            var reference = new List<DriftColumn>();
            var window = new List<DriftColumn>();
            var expected = new List<(double Statistic, double P)>();
            foreach (JsonElement feature in shape.Value.EnumerateArray())
            {
                string name = $"f{features++}";
                reference.Add(DriftColumn.Numeric(name, feature.GetProperty("reference").EnumerateArray().Select(e => e.GetDouble()).ToArray()));
                window.Add(DriftColumn.Numeric(name, feature.GetProperty("current").EnumerateArray().Select(e => e.GetDouble()).ToArray()));
                expected.Add((feature.GetProperty("statistic").GetDouble(), feature.GetProperty("pvalue").GetDouble()));
            }

            DriftReport report = DriftEngine.Evaluate(DriftReference.Prepare(reference), window);
            for (int f = 0; f < features; f++)
            {
                DriftTestResult ks = report.Features[f].Tests.Single(t => t.Test == DriftTest.KolmogorovSmirnov);
                foreach ((double want, double got) in new[] { (expected[f].Statistic, ks.Statistic), (expected[f].P, ks.PValue!.Value) })
                {
                    double absolute = Math.Abs(want - got);
                    maxAbsolute = Math.Max(maxAbsolute, absolute);
                    maxRelative = Math.Max(maxRelative, want == 0 ? absolute : absolute / Math.Abs(want));
                    if (!(absolute <= 1e-12 || absolute <= 1e-6 * Math.Abs(want)))
                    {
                        worstCases++;
                    }
                }
            }

            Console.WriteLine($"{shape.Name}: {features} features, KS statistic and p-value vs scipy: max relative difference {maxRelative:E2}, max absolute {maxAbsolute:E2}");
        }

        Console.WriteLine(worstCases == 0 ? "all within relative 1e-6 or absolute 1e-12" : $"{worstCases} values outside tolerance");
        return worstCases == 0 ? 0 : 1;
    }
}

using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Statistics.Tests.Drift;

/// <summary>
/// The dataset verdict's error rates by seeded simulation: 20 standard normal features, reference and window
/// of 1,000 each. With no drift the verdict must raise a false alarm at most 5% of the time (the baseline's
/// "any KS p &lt; 0.05" rule does so about 64% of the time: 1 - 0.95^20); a 0.2-sigma shift in one feature
/// must be detected at least 90% of the time.
/// </summary>
public sealed class DriftSimulationTests
{
    private const int Features = 20;
    private const int Size = 1000;
    private const int Trials = 1000;

    [Fact]
    public void TheDatasetVerdictControlsFalseAlarmsAndDetectsASmallShift()
    {
        var random = new SeededSamples(20261124);
        var engine = new DriftEngine();
        int falseAlarms = 0, uncorrectedAlarms = 0, detections = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            // Each trial draws a fresh reference and two windows: one without drift, one with the shift.
            var reference = new DriftColumn[Features];
            var quiet = new DriftColumn[Features];
            var shifted = new DriftColumn[Features];
            for (int f = 0; f < Features; f++)
            {
                reference[f] = DriftColumn.Numeric($"f{f}", random.Normal(Size));
                quiet[f] = DriftColumn.Numeric($"f{f}", random.Normal(Size));
                shifted[f] = f == 0 ? DriftColumn.Numeric("f0", random.Normal(Size, 0.2)) : quiet[f];
            }

            DriftReference prepared = DriftReference.Prepare(reference);
            DriftReport noDrift = engine.Evaluate(prepared, quiet);
            DriftReport drift = engine.Evaluate(prepared, shifted);
            Assert.Equal(DriftTest.CramerVonMises, noDrift.Features[0].Verdict!.Test);

            if (noDrift.Dataset.Drifted)
            {
                falseAlarms++;
            }

            if (noDrift.Features.Any(f => f.Tests.Single(t => t.Test == DriftTest.KolmogorovSmirnov).PValue < 0.05))
            {
                uncorrectedAlarms++;
            }

            if (drift.Dataset.Drifted)
            {
                detections++;
            }
        }

        double falseAlarmRate = (double)falseAlarms / Trials;
        double uncorrectedRate = (double)uncorrectedAlarms / Trials;
        double detectionRate = (double)detections / Trials;

        // 5% nominal; 1,000 trials give a standard error of about 0.7 points, so 7% bounds the noise while an
        // uncorrected rule (about 60%) fails by far.
        Console.WriteLine($"false alarms {falseAlarmRate:P1}, uncorrected KS {uncorrectedRate:P1}, detection {detectionRate:P1}");
        Assert.True(falseAlarmRate <= 0.07, $"false alarm rate {falseAlarmRate:P1}");
        Assert.True(uncorrectedRate >= 0.4, $"the uncorrected KS rule alarmed only {uncorrectedRate:P1}");
        Assert.True(detectionRate >= 0.90, $"detection rate {detectionRate:P1}");
    }
}

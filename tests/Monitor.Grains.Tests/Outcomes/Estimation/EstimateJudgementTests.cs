using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.Tests.Outcomes.Estimation;

public sealed class EstimateJudgementTests
{
    [Fact]
    public void Realized_accuracy_outside_the_band_contradicts_the_estimate()
    {
        var estimate = new PerformanceEstimate(1000, 0.98, 0.98, 0.98, 0.98, Calibrated: false, Moments.Empty);

        var verdict = EstimateJudgement.Judge(estimate, Realized(right: 830, wrong: 170), calibration: null);

        var accuracy = verdict.Metrics.Single(m => m.Metric == "accuracy");
        Assert.Equal("binomial", verdict.BandMethod);
        Assert.Equal(1000, verdict.BandSize);
        Assert.Equal(0.98 - (3 * Math.Sqrt(0.98 * 0.02 / 1000)), accuracy.Lower!.Value, 12);
        Assert.Equal(0.83, accuracy.Realized!.Value, 12);
        Assert.True(accuracy.Contradicted);
        Assert.True(verdict.Contradicted);
        Assert.Contains("uncalibrated", verdict.Note);
        Assert.Contains("contradicted", verdict.Note);

        // Without a labelled reference there is no band for the macro figures, so they are not judged.
        Assert.All(verdict.Metrics.Where(m => m.Metric != "accuracy"), m => Assert.Null(m.Contradicted));
    }

    [Fact]
    public void Realized_accuracy_inside_the_band_agrees_and_too_few_labels_are_not_judged()
    {
        var estimate = new PerformanceEstimate(1000, 0.84, 0.8, 0.8, 0.8, Calibrated: false, Moments.Empty);

        Assert.False(EstimateJudgement.Judge(estimate, Realized(right: 830, wrong: 170), null).Contradicted);

        var few = EstimateJudgement.Judge(estimate, Realized(right: 1, wrong: 28), null);
        Assert.Null(few.Contradicted);
        Assert.Equal(29, few.BandSize);
        Assert.Contains("30 needed", few.Note);
    }

    [Fact]
    public void A_labelled_reference_gives_every_figure_a_band_from_its_chunks()
    {
        var random = new Random(9);
        var n = 2_000;
        var predictions = new string?[n];
        var labels = new string?[n];
        var confidences = new double[n];
        for (var i = 0; i < n; i++)
        {
            predictions[i] = (i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            confidences[i] = 0.99;
            labels[i] = random.NextDouble() < 0.8 ? predictions[i] : ((i + 1) % 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var calibration = ReferenceCalibration.From(PerformanceEstimatorTests.Reference(predictions, confidences, labels))!;
        var estimate = new PerformanceEstimate(100, 0.8, 0.8, 0.8, 0.8, Calibrated: true, Moments.Empty);

        var verdict = EstimateJudgement.Judge(estimate, Realized(right: 0, wrong: 0), calibration);

        Assert.Equal("reference_chunks", verdict.BandMethod);
        Assert.Equal(100, verdict.BandSize);
        Assert.All(verdict.Metrics, m => Assert.True(m.Lower < m.Estimate && m.Upper > m.Estimate, m.Metric));
        Assert.All(verdict.Metrics, m => Assert.Null(m.Contradicted));
        var accuracy = verdict.Metrics.Single(m => m.Metric == "accuracy");
        var expectedHalfWidth = 3 * Math.Sqrt(0.8 * 0.2 / 100);
        Assert.InRange(accuracy.Upper!.Value - 0.8, expectedHalfWidth * 0.75, expectedHalfWidth * 1.25);
    }

    [Fact]
    public void A_reference_with_labels_names_its_classes_as_numeric_predictions_are_named()
    {
        var reference = new ReferenceData
        {
            Features = [],
            Predictions = ReferenceColumn.Numeric("prediction", [1, 2, 2, double.NaN]),
            Confidences = [0.9, 0.8, double.NaN, 0.5],
            Labels = ReferenceColumn.Categorical("label", ["1", "1", "2", "2"]),
            Source = "json",
        };

        var calibration = ReferenceCalibration.From(reference)!;

        // Rows without a prediction or a confidence are left out.
        Assert.Equal(2, calibration.Rows);
        Assert.Equal(0.5, calibration.Accuracy);
        Assert.Equal(["1", "2"], calibration.Classes);
        Assert.Equal("1", calibration.ErrorsOf("2").Single().Key);

        // Without labels there is nothing to calibrate on.
        Assert.Null(ReferenceCalibration.From(new ReferenceData { Features = [], Predictions = reference.Predictions, Confidences = reference.Confidences, Source = "json" }));
        Assert.Null(ReferenceCalibration.From(null));
    }

    [Fact]
    public void A_reference_with_a_class_per_row_keeps_its_classes_bounded()
    {
        // Hostile: 20,000 rows, every prediction and label a class of its own. The chunks must not need a 40,000² matrix.
        var n = 20_000;
        var predictions = Enumerable.Range(0, n).Select(i => $"p{i}").ToArray<string?>();
        var labels = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? $"p{i}" : $"l{i}").ToArray<string?>();
        var calibration = ReferenceCalibration.From(PerformanceEstimatorTests.Reference(predictions, [.. Enumerable.Repeat(0.9, n)], labels))!;

        Assert.Equal(ReferenceCalibration.MaxClasses + 1, calibration.Classes.Count);
        Assert.Equal(ClassVocabulary.Other, calibration.Classes[^1]);
        Assert.NotNull(calibration.SpreadFor(500));
    }

    private static OutcomeBucket Realized(int right, int wrong)
    {
        var bucket = new OutcomeBucket();
        for (var i = 0; i < right; i++)
        {
            bucket.AddClassified(0, 0);
        }

        for (var i = 0; i < wrong; i++)
        {
            bucket.AddClassified(1, 0);
        }

        return bucket;
    }
}

using Monitor.Grains.Drift;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.Tests.Outcomes.Estimation;

public sealed class PerformanceEstimatorTests
{
    [Fact]
    public void Without_a_labelled_reference_accuracy_is_the_mean_raw_confidence()
    {
        var cells = new ConfidenceCells();
        cells.Add("a", 0.9);
        cells.Add("a", 0.7);
        cells.Add("b", 0.6);
        cells.Add("b", 1.0);

        var estimate = PerformanceEstimator.Estimate(cells, calibration: null)!;

        Assert.False(estimate.Calibrated);
        Assert.Equal(4, estimate.Predictions);
        Assert.Equal(0.8, estimate.Accuracy, 12);
        Assert.Equal(new Moments(4, 3.2, 0.81 + 0.49 + 0.36 + 1.0).SumOfSquares, estimate.Scores.SumOfSquares, 12);
    }

    [Fact]
    public void Binary_precision_recall_and_f1_come_from_the_expected_counts()
    {
        // Class a: 2 predictions, expected right 0.9 + 0.7 = 1.6; class b: 2, expected right 0.6 + 1.0 = 1.6.
        // TP_a = 1.6, FP_a = 0.4, FN_a = b's expected errors = 0.4 (and the same for b).
        var cells = new ConfidenceCells();
        cells.Add("a", 0.9);
        cells.Add("a", 0.7);
        cells.Add("b", 0.6);
        cells.Add("b", 1.0);

        var estimate = PerformanceEstimator.Estimate(cells, calibration: null)!;

        Assert.Equal(0.8, estimate.PrecisionMacro, 9);
        Assert.Equal(0.8, estimate.RecallMacro, 9);
        Assert.Equal(2 * 1.6 / ((2 * 1.6) + 0.4 + 0.4), estimate.F1Macro, 9);
    }

    [Fact]
    public void A_labelled_reference_calibrates_the_scores_and_says_where_errors_go()
    {
        // The reference: "x" predicted at 0.99 is right half the time, its errors are all "z"; "y" at 0.6 is always right.
        var reference = Reference(
            predictions: ["x", "x", "x", "x", "y", "y"],
            confidences: [0.99, 0.99, 0.99, 0.99, 0.6, 0.6],
            labels: ["x", "x", "z", "z", "y", "y"]);
        var calibration = ReferenceCalibration.From(reference)!;
        var cells = new ConfidenceCells();
        for (var i = 0; i < 10; i++)
        {
            cells.Add("x", 0.99);
        }

        var estimate = PerformanceEstimator.Estimate(cells, calibration)!;

        // Isotonic on (0.6 → 1, 1), (0.99 → 0.5 ×4) pools all six rows: 4/6 right everywhere.
        Assert.True(estimate.Calibrated);
        Assert.Equal(4 / 6.0, estimate.Accuracy, 9);

        // Classes: x (predicted, TP 6.67, FP 3.33) and z (expected support 3.33 from x's errors, never predicted).
        var tp = 10 * 4 / 6.0;
        var fn = 10 - tp;
        Assert.Equal((tp / 10 + 0) / 2, estimate.PrecisionMacro, 9);
        Assert.Equal((1 + 0) / 2.0, estimate.RecallMacro, 9);
        Assert.Equal(((2 * tp / ((2 * tp) + fn)) + 0) / 2, estimate.F1Macro, 9);
    }

    [Fact]
    public void Failed_predictions_are_left_out_of_the_estimate_as_their_labels_are_unscorable()
    {
        // What users saw: successes at 0.9, failures with a low confidence; the estimate must be the successes' 0.9.
        var f = new OutcomeFixture();
        var batch = new TestBatch("m", "v1");
        for (var i = 0; i < 90; i++)
        {
            batch.Add(f.Now, 5, confidence: 0.9, prediction: "yes", id: $"ok{i}");
        }

        for (var i = 0; i < 10; i++)
        {
            batch.Add(f.Now, 5, confidence: 0.1, ok: false, error: "timeout", prediction: "yes", id: $"failed{i}");
        }

        f.Predict(batch);
        var aggregate = f.Last(TimeSpan.FromMinutes(5));

        Assert.Equal(0.9, OutcomeFigures.EstimatedAccuracy(aggregate, calibration: null)!.Value, 12);
        Assert.Equal(90, PerformanceEstimator.Estimate(aggregate.Estimates, null)!.Predictions);

        // The realized accuracy leaves them out the same way: their labels are unscorable.
        f.Label([.. Enumerable.Range(0, 10).Select(i => ($"failed{i}", (object)"yes")), .. Enumerable.Range(0, 90).Select(i => ($"ok{i}", (object)(i < 81 ? "yes" : "no")))]);
        var labelled = f.Last(TimeSpan.FromMinutes(5)).Outcomes;
        Assert.Equal(10, labelled.Unscorable);
        Assert.Equal(90, labelled.Classified);
        Assert.Equal(0.9, OutcomeFigures.Accuracy(labelled)!.Value, 12);
    }

    [Fact]
    public void No_prediction_with_a_class_and_confidence_gives_no_estimate()
    {
        Assert.Null(PerformanceEstimator.Estimate(null, null));
        Assert.Null(PerformanceEstimator.Estimate(new ConfidenceCells(), null));
    }

    [Fact]
    public void Confidence_cells_keep_near_certain_confidences_apart_and_merge_exactly()
    {
        Assert.NotEqual(ConfidenceCells.CellOf(0.999), ConfidenceCells.CellOf(0.99999));
        Assert.Equal(ConfidenceCells.CellOf(1.0), ConfidenceCells.CellOf(1 - 1e-13));
        Assert.Equal(ConfidenceCells.CellOf(0.0), ConfidenceCells.CellOf(1e-13));

        var a = new ConfidenceCells();
        a.Add("k", 0.5);
        var b = new ConfidenceCells();
        b.Add("k", 0.5);
        b.Add("j", 0.25);
        a.Merge(b);
        Assert.Equal(3, a.Count);
        Assert.Equal(1.0, a.Classes["k"][ConfidenceCells.CellOf(0.5)].Sum, 12);
    }

    internal static ReferenceData Reference(string?[] predictions, double[] confidences, string?[] labels) => new()
    {
        Features = [],
        Predictions = ReferenceColumn.Categorical("prediction", predictions),
        Confidences = confidences,
        Labels = ReferenceColumn.Categorical("label", labels),
        Source = "json",
    };
}

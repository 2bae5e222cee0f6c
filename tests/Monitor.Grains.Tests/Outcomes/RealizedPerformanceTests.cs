using System.Text.Json;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>Each realized metric against values computed with numpy/scipy (scikit-learn's definitions).</summary>
public sealed class RealizedPerformanceTests
{
    [Fact]
    public void Multiclass_metrics_match_the_reference()
    {
        var c = StatVectors.Section("multiclass", StatVectors.Outcomes);
        var truth = c.Strings("y_true");
        var predicted = c.Strings("y_pred");
        var f = Scored(predicted.Select(p => (object)p).ToArray(), truth.Select(t => (object)t).ToArray(), confidences: null);

        var o = f.Last(TimeSpan.FromMinutes(5)).Outcomes;
        var performance = OutcomeSummarizer.Classification(o, f.Ledger.Classes);
        StatVectors.Close(c.Number("accuracy"), performance.Accuracy!.Value, "accuracy");
        StatVectors.Close(c.Number("precision_macro"), performance.PrecisionMacro!.Value, "precision_macro");
        StatVectors.Close(c.Number("recall_macro"), performance.RecallMacro!.Value, "recall_macro");
        StatVectors.Close(c.Number("f1_macro"), performance.F1Macro!.Value, "f1_macro");
        StatVectors.Close(c.Number("precision_weighted"), performance.PrecisionWeighted!.Value, "precision_weighted");
        StatVectors.Close(c.Number("recall_weighted"), performance.RecallWeighted!.Value, "recall_weighted");
        StatVectors.Close(c.Number("f1_weighted"), performance.F1Weighted!.Value, "f1_weighted");

        foreach (var expected in c.GetProperty("classes").EnumerateObject())
        {
            var actual = performance.Classes.Single(x => x.Class == expected.Name);
            StatVectors.Close(expected.Value.Number("precision"), actual.Precision, $"{expected.Name} precision");
            StatVectors.Close(expected.Value.Number("recall"), actual.Recall, $"{expected.Name} recall");
            StatVectors.Close(expected.Value.Number("f1"), actual.F1, $"{expected.Name} f1");
            Assert.Equal(expected.Value.GetProperty("support").GetInt64(), actual.Support);
        }

        var labels = c.Strings("labels");
        var matrix = c.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        for (var a = 0; a < labels.Length; a++)
        {
            for (var p = 0; p < labels.Length; p++)
            {
                var row = performance.ConfusionMatrix.Classes.ToList().IndexOf(labels[a]);
                var column = performance.ConfusionMatrix.Classes.ToList().IndexOf(labels[p]);
                Assert.Equal(matrix[a][p], performance.ConfusionMatrix.Counts[row][column]);
            }
        }

        Assert.Null(performance.RocAuc);

        // The time series has the macro and weighted figures per step too, and no AUC for a multiclass model.
        var point = LabelledPoint(f, binaryClassifier: f.Ledger.Classes.Count == 2);
        StatVectors.Close(c.Number("accuracy"), point.Accuracy!.Value, "step accuracy");
        StatVectors.Close(c.Number("precision_macro"), point.PrecisionMacro!.Value, "step precision_macro");
        StatVectors.Close(c.Number("recall_weighted"), point.RecallWeighted!.Value, "step recall_weighted");
        StatVectors.Close(c.Number("f1_weighted"), point.F1Weighted!.Value, "step f1_weighted");
        Assert.Null(point.RocAuc);
        Assert.Equal(truth.Length, point.Labels);
    }

    [Fact]
    public void Binary_metrics_roc_auc_and_calibration_match_the_reference()
    {
        var c = StatVectors.Section("binary", StatVectors.Outcomes);
        var truth = c.Doubles("y_true");
        var predicted = c.Doubles("y_pred");
        var confidence = c.Doubles("confidence");
        var f = Scored(predicted.Select(p => (object)p).ToArray(), truth.Select(t => (object)t).ToArray(), confidence);

        var aggregate = f.Last(TimeSpan.FromMinutes(5));
        var performance = OutcomeSummarizer.Classification(aggregate.Outcomes, f.Ledger.Classes);
        StatVectors.Close(c.Number("accuracy"), performance.Accuracy!.Value, "accuracy");
        StatVectors.Close(c.Number("f1_macro"), performance.F1Macro!.Value, "f1_macro");
        StatVectors.Close(c.Number("f1_weighted"), performance.F1Weighted!.Value, "f1_weighted");

        // Two-decimal scores fall in bins of their own: the binned AUC is scipy's exactly.
        StatVectors.Close(c.Number("roc_auc"), performance.RocAuc!.Value, "roc_auc");
        Assert.Equal("1", performance.RocAuc.PositiveClass);
        Assert.Equal(truth.Count(t => t == 1), performance.RocAuc.Positives);

        StatVectors.Close(c.Number("ece_20_bins"), OutcomeFigures.CalibrationError(aggregate.Outcomes.Calibration)!.Value, "ece");
        StatVectors.Close(c.Number("mean_confidence"), OutcomeFigures.EstimatedAccuracy(aggregate, calibration: null)!.Value, "cbpe");

        var point = LabelledPoint(f, binaryClassifier: f.Ledger.Classes.Count == 2);
        StatVectors.Close(c.Number("roc_auc"), point.RocAuc!.Value, "step roc_auc");
        StatVectors.Close(c.Number("ece_20_bins"), point.CalibrationError!.Value, "step ece");
        StatVectors.Close(c.Number("precision_weighted"), point.PrecisionWeighted!.Value, "step precision_weighted");
        StatVectors.Close(c.Number("recall_macro"), point.RecallMacro!.Value, "step recall_macro");
    }

    [Fact]
    public void Regression_errors_match_the_reference()
    {
        var c = StatVectors.Section("regression", StatVectors.Outcomes);
        var truth = c.Doubles("y_true");
        var predicted = c.Doubles("y_pred");
        var f = Scored(predicted.Select(p => (object)p).ToArray(), truth.Select(t => (object)new Labels.Value(t)).ToArray(), confidences: null);

        var errors = f.Last(TimeSpan.FromMinutes(5)).Outcomes.Regression;
        StatVectors.Close(c.Number("mae"), OutcomeFigures.Mae(errors)!.Value, "mae");
        StatVectors.Close(c.Number("rmse"), OutcomeFigures.Rmse(errors)!.Value, "rmse");
        StatVectors.Close(c.Number("mape"), OutcomeFigures.Mape(errors)!.Value, "mape");
        Assert.Equal(c.GetProperty("mape_count").GetInt64(), errors!.RelativeCount);
        StatVectors.Close(c.Number("mean_error"), errors.Sum / errors.Count, "mean error");

        var point = LabelledPoint(f, binaryClassifier: false);
        StatVectors.Close(c.Number("mape"), point.Mape!.Value, "step mape");
        StatVectors.Close(c.Number("rmse"), point.Rmse!.Value, "step rmse");
    }

    [Fact]
    public void Auc_by_hand_with_ties_and_a_bound_for_coarse_scores()
    {
        // Scores of class 1: 0.9, 0.8 and 0.4 (a 0 predicted with 0.6) for true 1s; 0.4 and 0.3 for true 0s.
        // Of the 6 pairs, 5 are ordered right and 1 is tied.
        var f = Scored([1, 1, 0, 0, 0], [1, 1, 1, 0, 0], [0.9, 0.8, 0.6, 0.6, 0.7]);
        var auc = OutcomeFigures.Auc(f.Last(TimeSpan.FromMinutes(1)).Outcomes.Scores)!.Value;
        Assert.Equal(5.5 / 6, auc.Auc, 12);

        // 0.604 and 0.601 share a bin: the answer is within the stated bound of the exact 1.0.
        var coarse = Scored([1, 1], [1, 0], [0.604, 0.601]);
        var binned = OutcomeFigures.Auc(coarse.Last(TimeSpan.FromMinutes(1)).Outcomes.Scores)!.Value;
        Assert.Equal(0.5, binned.Auc);
        Assert.Equal(0.5, binned.MaxError);
        Assert.True(Math.Abs(1.0 - binned.Auc) <= binned.MaxError);
    }

    [Fact]
    public void Calibration_error_by_hand()
    {
        // Bin [0.9, 0.95): confidences 0.9 and 0.92, one right: |0.5 − 0.91| = 0.41 for half the labels.
        // Bin [0.6, 0.65): confidence 0.6 twice, both right: |1 − 0.6| = 0.4 for the other half.
        var f = Scored([1, 1, 1, 1], [1, 0, 1, 1], [0.9, 0.92, 0.6, 0.6]);
        var ece = OutcomeFigures.CalibrationError(f.Last(TimeSpan.FromMinutes(1)).Outcomes.Calibration);
        Assert.Equal((0.5 * 0.41) + (0.5 * 0.4), ece!.Value, 12);
    }

    /// <summary>The time-series step that holds the labels (they all carry the fixture's time).</summary>
    private static OutcomePoint LabelledPoint(OutcomeFixture f, bool binaryClassifier) =>
        f.Window.TimeSeries("m", "v1", 5, 60, f.Now, binaryClassifier).Points.Single(p => p.Outcomes!.Labels > 0).Outcomes!;

    private static OutcomeFixture Scored(object[] predictions, object[] truths, double[]? confidences)
    {
        var f = new OutcomeFixture();
        var batch = new TestBatch("m", "v1");
        for (var i = 0; i < predictions.Length; i++)
        {
            batch.Add(f.Now - 1000, 10, confidence: confidences?[i] ?? double.NaN, prediction: predictions[i], id: $"p{i}");
        }

        f.Predict(batch);
        var joins = f.Label([.. truths.Select((t, i) => ($"p{i}", t))]);
        Assert.Equal(predictions.Length, joins.Joined);
        return f;
    }
}

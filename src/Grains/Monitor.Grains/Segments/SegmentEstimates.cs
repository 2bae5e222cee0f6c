using Monitor.Grains.Ingest;
using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Segments;

/// <summary>The predicted class of each record, named as the version window names it, for the segments' estimates.</summary>
public static class SegmentEstimates
{
    /// <summary>Null for a regression version (nothing to estimate); a record without a class has null.</summary>
    public static string?[]? PredictedClasses(PredictionBatch batch, bool regression)
    {
        if (regression)
        {
            return null;
        }

        var predictions = batch.Predictions;
        var classes = new string?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var number = predictions.Numbers[i];
            classes[i] = predictions.IsLabel(i) ? predictions.Labels![i]
                : double.IsNaN(number) || number != Math.Floor(number) ? null
                : NumericClass.Text(number);
        }

        return classes;
    }
}

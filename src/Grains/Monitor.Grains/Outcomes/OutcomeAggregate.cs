using Monitor.Grains.Outcomes.Estimation;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Outcomes;

/// <summary>What outcome figures over a period rest on: the merged outcome buckets and the prediction counts beside them.</summary>
public sealed class OutcomeAggregate
{
    public long Predictions { get; private set; }
    public long Successes { get; private set; }
    public long LabeledPredictions { get; private set; }
    public OutcomeBucket Outcomes { get; } = new();

    /// <summary>The successful predictions with a class and a confidence, by confidence cell.</summary>
    public ConfidenceCells Estimates { get; } = new();

    public static OutcomeAggregate Of(MetricBucket bucket)
    {
        var aggregate = new OutcomeAggregate();
        aggregate.Add(bucket);
        return aggregate;
    }

    public void Add(MetricBucket bucket)
    {
        Predictions += bucket.Count;
        Successes += bucket.Count - bucket.Errors;
        LabeledPredictions += bucket.LabeledPredictions;
        if (bucket.Outcomes is not null)
        {
            Outcomes.Merge(bucket.Outcomes);
        }

        if (bucket.Estimates is not null)
        {
            Estimates.Merge(bucket.Estimates);
        }
    }
}

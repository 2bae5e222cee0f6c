using Monitor.Statistics;
using Monitor.Statistics.Drift;

namespace Monitor.Grains.Drift;

/// <summary>
/// A version's reference made ready for repeated evaluation: features and outputs prepared once for the
/// drift engine (sorted, binned, indexed), the schema records are checked against, and the description
/// <c>GET .../reference</c> shows. Built when the reference is set or the grain activates, never per evaluation.
/// </summary>
public sealed class PreparedReference
{
    public const string PredictionName = "prediction";
    public const string ConfidenceName = "confidence";
    public const string LabelName = "label";

    private PreparedReference(ReferenceData data, DriftReference features, DriftReference? outputs)
    {
        Data = data;
        Features = features;
        Outputs = outputs;
        Schema = QualitySchema.Of(features);
        FeatureSummaries = [.. features.Features.Select((f, i) => Summarize(f, data.Features[i].Declared))];
        OutputSummaries = outputs is null ? [] : [.. outputs.Features.Select(f => Summarize(f, false))];
    }

    public ReferenceData Data { get; }

    public DriftReference Features { get; }

    /// <summary>"prediction" and "confidence" as the reference has them; null when it has neither.</summary>
    public DriftReference? Outputs { get; }

    public QualitySchema Schema { get; }

    public IReadOnlyList<ReferenceFeatureSummary> FeatureSummaries { get; }

    public IReadOnlyList<ReferenceFeatureSummary> OutputSummaries { get; }

    public int Rows => Data.Rows;

    public static PreparedReference Prepare(ReferenceData data)
    {
        var features = DriftReference.Prepare(data.Features.Select(ToColumn));
        var outputs = new List<DriftColumn>(2);
        if (data.Predictions is { } predictions)
        {
            outputs.Add(ToColumn(new ReferenceColumn
            {
                Name = PredictionName,
                Type = predictions.Type,
                Numbers = predictions.Numbers,
                Labels = predictions.Labels,
            }));
        }

        if (data.Confidences is { } confidences)
        {
            outputs.Add(DriftColumn.Numeric(ConfidenceName, confidences));
        }

        ReferenceFeatureSummary? labels = null;
        if (data.Labels is { } given)
        {
            var prepared = DriftReference.Prepare([DriftColumn.Categorical(LabelName, given.Labels ?? [.. (given.Numbers ?? []).Select(v => double.IsNaN(v) ? null : NumberLabel.Of(v))])]);
            labels = Summarize(prepared.Features[0], given.Declared);
        }

        return new PreparedReference(data, features, outputs.Count == 0 ? null : DriftReference.Prepare(outputs)) { LabelSummary = labels };
    }

    public ReferenceDescription Describe(string model, string version) => new()
    {
        Model = model,
        Version = version,
        Status = "ready",
        Rows = Rows,
        Source = Data.Source,
        CopiedFrom = Data.CopiedFrom,
        SetAt = Data.SetAt,
        Features = FeatureSummaries,
        Outputs = OutputSummaries,
        OutputsCompared = Outputs is not null,
        OutputsNote = OutputsNote,
        Labels = LabelSummary,
    };

    /// <summary>Why the outputs are not compared; null when they are.</summary>
    public string? OutputsNote => Outputs is not null ? null
        : Data.OutputsLeftOut ? $"the reference was copied from {Data.CopiedFrom} without its outputs (?outputs=false, the default for a copy): that version's predictions and confidences are not this one's; copy with ?outputs=true to compare them"
        : "the reference has no model outputs (predictions, confidences)";

    /// <summary>The reference's labels in brief, as a categorical feature is described.</summary>
    public ReferenceFeatureSummary? LabelSummary { get; private init; }

    private static DriftColumn ToColumn(ReferenceColumn column) => column.Type == FeatureType.Numeric
        ? DriftColumn.Numeric(column.Name, column.Numbers ?? [])
        : DriftColumn.Categorical(column.Name, column.Labels ?? []);

    private static ReferenceFeatureSummary Summarize(ReferenceFeature feature, bool declared)
    {
        if (feature is NumericReferenceFeature numeric)
        {
            var empty = numeric.Count == 0;
            return new ReferenceFeatureSummary
            {
                Name = feature.Name,
                Type = FeatureType.Numeric,
                Declared = declared,
                Count = feature.Count,
                Missing = feature.Missing,
                Min = empty ? null : numeric.Min,
                Max = empty ? null : numeric.Max,
                Mean = empty ? null : numeric.Mean,
                StandardDeviation = empty ? null : numeric.StandardDeviation,
                P50 = empty ? null : LinearQuantile.OfSorted(numeric.Sorted, 0.5),
            };
        }

        var categorical = (CategoricalReferenceFeature)feature;
        var order = Enumerable.Range(0, categorical.Categories.Length)
            .OrderByDescending(i => categorical.Counts[i])
            .ThenBy(i => i)
            .Take(10);
        return new ReferenceFeatureSummary
        {
            Name = feature.Name,
            Type = FeatureType.Categorical,
            Declared = declared,
            Count = feature.Count,
            Missing = feature.Missing,
            Categories = categorical.Categories.Length,
            TopCategories = [.. order.Select(i => new CategoryCount(categorical.Categories[i], (long)categorical.Counts[i]))],
        };
    }
}

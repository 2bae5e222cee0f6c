namespace Monitor.Grains.Drift;

/// <summary>Turns data-quality counts into the shares people read (fractions of the records each figure is over).</summary>
public static class DataQualityReport
{
    public static DataQualitySummary Describe(DataQualityCounts? counts)
    {
        if (counts is null || (counts.Records == 0 && counts.NonFiniteRefused == 0))
        {
            return new DataQualitySummary
            {
                Schema = "none",
                Records = 0,
                RecordsChecked = 0,
                RecordsWithUnknownFeatures = 0,
                RecordsWithMissingFeatures = 0,
                NonFiniteRefused = counts?.NonFiniteRefused ?? 0,
                Features = [],
            };
        }

        var features = new List<FeatureDataQuality>(counts.Features.Count);
        for (var j = 0; j < counts.Features.Count; j++)
        {
            var records = counts.Count(j, DataQualityCounts.RecordsSlot);
            var nulls = counts.Count(j, DataQualityCounts.NullSlot);
            var missing = counts.Count(j, DataQualityCounts.MissingSlot);
            var wrong = counts.Count(j, DataQualityCounts.WrongTypeSlot);
            var outside = counts.Count(j, DataQualityCounts.OutOfRangeSlot);
            var unseen = counts.Count(j, DataQualityCounts.UnseenSlot);
            var present = records - nulls - missing - wrong;
            var check = counts.CheckOf(j);
            features.Add(new FeatureDataQuality
            {
                Name = counts.Features[j],
                Kind = QualitySchema.Kind(check),
                Records = records,
                Nulls = nulls,
                Missing = missing,
                WrongType = wrong,
                OutOfRange = outside,
                UnseenCategories = unseen,
                NullShare = Share(nulls, records),
                MissingShare = Share(missing, records),
                WrongTypeShare = check == QualityCheck.Numeric ? Share(wrong, records) : null,
                OutOfRangeShare = check == QualityCheck.Numeric ? Share(outside, present) : null,
                UnseenCategoryShare = check == QualityCheck.Categorical ? Share(unseen, present) : null,
            });
        }

        var checkedRecords = counts.RecordsChecked;
        return new DataQualitySummary
        {
            Schema = checkedRecords > 0 ? "reference" : "observed",
            Records = counts.Records,
            RecordsChecked = checkedRecords,
            RecordsWithUnknownFeatures = counts.UnknownFeatureRecords,
            RecordsWithMissingFeatures = counts.MissingFeatureRecords,
            SchemaViolationShare = Share(counts.ViolationRecords, checkedRecords),
            UnknownFeatureShare = Share(counts.UnknownFeatureRecords, checkedRecords),
            MissingFeatureShare = Share(counts.MissingFeatureRecords, checkedRecords),
            NonFiniteRefused = counts.NonFiniteRefused,
            Features = features,
        };
    }

    /// <summary>The share, or null when there is nothing to take it over.</summary>
    public static double? Share(long part, long whole) => whole <= 0 ? null : (double)part / whole;
}

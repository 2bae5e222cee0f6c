namespace Monitor.Grains.Drift;

/// <summary>
/// Data quality of a set of records (a period's records, or the feature window) against the version's
/// schema: nulls, missing and wrongly typed values per feature, numbers outside the reference range,
/// categories the reference never had, and records with unknown or missing features. Shares are fractions.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.DataQualitySummary")]
public sealed record DataQualitySummary
{
    /// <summary>
    /// "reference" when the records were checked against a reference's schema; "observed" when the version has
    /// no reference yet, so only nulls and missing values of the features seen are counted; "none" before any record.
    /// </summary>
    [Id(0)] public required string Schema { get; init; }

    /// <summary>Records counted.</summary>
    [Id(1)] public required long Records { get; init; }

    /// <summary>Records checked against a reference's schema (the denominator of the record shares below).</summary>
    [Id(2)] public required long RecordsChecked { get; init; }
    [Id(3)] public required long RecordsWithUnknownFeatures { get; init; }
    [Id(4)] public required long RecordsWithMissingFeatures { get; init; }

    /// <summary>Share of checked records with an unknown or a missing feature (or both).</summary>
    [Id(5)] public double? SchemaViolationShare { get; init; }
    [Id(6)] public double? UnknownFeatureShare { get; init; }
    [Id(7)] public double? MissingFeatureShare { get; init; }

    /// <summary>
    /// Records refused at ingest because a value was NaN or infinite (counted for the version when the record
    /// named its model and version before the bad value; the gateway's rejection counter has all of them).
    /// </summary>
    [Id(8)] public required long NonFiniteRefused { get; init; }
    [Id(9)] public required IReadOnlyList<FeatureDataQuality> Features { get; init; }
}

/// <summary>One feature's data quality. Shares are over the records in which the feature was counted.</summary>
[GenerateSerializer, Immutable, Alias("monitor.FeatureDataQuality")]
public sealed record FeatureDataQuality
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>"numeric" or "categorical" from the reference; "observed" without one.</summary>
    [Id(1)] public required string Kind { get; init; }
    [Id(2)] public required long Records { get; init; }
    [Id(3)] public required long Nulls { get; init; }
    [Id(4)] public required long Missing { get; init; }

    /// <summary>Text where the reference has numbers (numeric features).</summary>
    [Id(5)] public required long WrongType { get; init; }

    /// <summary>Numbers below the reference minimum or above its maximum (numeric features).</summary>
    [Id(6)] public required long OutOfRange { get; init; }

    /// <summary>Categories the reference never had (categorical features).</summary>
    [Id(7)] public required long UnseenCategories { get; init; }
    [Id(8)] public double? NullShare { get; init; }
    [Id(9)] public double? MissingShare { get; init; }
    [Id(10)] public double? WrongTypeShare { get; init; }

    /// <summary>Share of present numeric values outside the reference range.</summary>
    [Id(11)] public double? OutOfRangeShare { get; init; }

    /// <summary>Share of present categorical values the reference never had.</summary>
    [Id(12)] public double? UnseenCategoryShare { get; init; }
}

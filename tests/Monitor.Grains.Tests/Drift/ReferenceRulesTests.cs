using Monitor.Grains.Drift;

namespace Monitor.Grains.Tests.Drift;

public sealed class ReferenceRulesTests
{
    private static readonly VersionDriftOptions Options = new() { MaxReferenceRows = 5, MaxReferenceFeatures = 2 };

    private static ReferenceData Data(params ReferenceColumn[] columns) => new() { Features = columns, Source = "json" };

    [Fact]
    public void A_reference_without_features_is_empty()
    {
        var refused = ReferenceRules.Check(Data(), Options)!;
        Assert.Equal("features", refused.Problems.Single().Field);
        Assert.Contains("empty", refused.Problems.Single().Reason);
    }

    [Fact]
    public void Columns_of_different_lengths_are_named()
    {
        var refused = ReferenceRules.Check(Data(ReferenceColumn.Numeric("a", [1, 2, 3]), ReferenceColumn.Numeric("b", [1, 2])), Options)!;
        Assert.Equal("features.b", refused.Problems.Single().Field);
        Assert.Contains("has 2 values, but features.a has 3", refused.Problems.Single().Reason);
    }

    [Fact]
    public void Too_many_rows_is_a_size_refusal_and_too_many_features_is_not()
    {
        Assert.True(ReferenceRules.Check(Data(ReferenceColumn.Numeric("a", [1, 2, 3, 4, 5, 6])), Options)!.TooLarge);
        var wide = ReferenceRules.Check(Data(ReferenceColumn.Numeric("a", [1]), ReferenceColumn.Numeric("b", [1]), ReferenceColumn.Numeric("c", [1])), Options)!;
        Assert.False(wide.TooLarge);
        Assert.Contains("MaxReferenceFeatures", wide.Problems.Single().Reason);
    }

    [Fact]
    public void Infinite_values_duplicate_names_and_columns_without_values_are_refused()
    {
        Assert.Equal("features.a[1]", ReferenceRules.Check(Data(ReferenceColumn.Numeric("a", [1, double.PositiveInfinity])), Options)!.Problems.Single().Field);
        Assert.Contains("named twice", ReferenceRules.Check(Data(ReferenceColumn.Numeric("a", [1]), ReferenceColumn.Numeric("a", [2])), Options)!.Problems.Single().Reason);
        Assert.Contains("every value is missing", ReferenceRules.Check(Data(ReferenceColumn.Categorical("c", [null, null])), Options)!.Problems.Single().Reason);
        Assert.Null(ReferenceRules.Check(Data(ReferenceColumn.Categorical("c", [null, null]), ReferenceColumn.Numeric("a", [1, 2])), Options, allowEmptyColumns: true));
    }

    [Fact]
    public void Confidences_must_lie_in_zero_one_and_match_the_rows()
    {
        var data = new ReferenceData { Features = [ReferenceColumn.Numeric("a", [1, 2])], Confidences = [0.5, 1.5], Source = "json" };
        Assert.Equal("confidences[1]", ReferenceRules.Check(data, Options)!.Problems.Single().Field);
        var shorter = new ReferenceData { Features = [ReferenceColumn.Numeric("a", [1, 2])], Confidences = [0.5], Source = "json" };
        Assert.Equal("confidences", ReferenceRules.Check(shorter, Options)!.Problems.Single().Field);
    }

    [Fact]
    public void A_valid_reference_passes()
    {
        Assert.Null(ReferenceRules.Check(Data(ReferenceColumn.Numeric("a", [1, double.NaN]), ReferenceColumn.Categorical("b", ["x", null])), Options));
    }
}

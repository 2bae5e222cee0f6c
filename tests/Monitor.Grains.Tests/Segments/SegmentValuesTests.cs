using Monitor.Grains.Ingest;
using Monitor.Grains.Segments;

namespace Monitor.Grains.Tests.Segments;

public sealed class SegmentValuesTests
{
    [Fact]
    public void All_gives_each_record_the_value_Of_gives_it()
    {
        var column = new FeatureColumn
        {
            Name = "k",
            Kinds = [FeatureValueKind.Number, FeatureValueKind.Number, FeatureValueKind.Text, FeatureValueKind.Number, FeatureValueKind.Missing, FeatureValueKind.Number, FeatureValueKind.Null],
            Numbers = [3.0, 3.0, double.NaN, 0.1, double.NaN, -0.0, double.NaN],
            Texts = [null, null, "DE", null, null, null, null],
        };

        var all = SegmentValues.All(column, 7);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => SegmentValues.Of(column, i)), all);
        Assert.Equal(new string?[] { "3", "3", "DE", "0.1", null, "-0", null }, all);
        Assert.All(SegmentValues.All(null, 3), Assert.Null);
    }
}

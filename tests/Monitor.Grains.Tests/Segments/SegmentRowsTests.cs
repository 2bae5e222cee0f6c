using Monitor.Grains.Drift;
using Monitor.Grains.Segments;

namespace Monitor.Grains.Tests.Segments;

public sealed class SegmentRowsTests
{
    [Fact]
    public void A_batch_is_cut_to_the_segment_records_column_by_column()
    {
        var batch = new TestBatch("m", "v")
            .Add(1, 5, 0.9, features: new() { ["country"] = "DE", ["amount"] = 1.0 })
            .Add(2, 6, 0.8, ok: false, error: "Timeout", features: new() { ["country"] = "FR", ["amount"] = 2.0 })
            .Add(3, 7, 0.7, features: new() { ["country"] = "DE", ["amount"] = 3.0 })
            .Add(4, 8, 0.6, features: new() { ["amount"] = 4.0 })
            .Build();

        var de = SegmentRows.Select(batch, "country", v => v == "DE")!;
        Assert.Equal(2, de.Count);
        Assert.Equal([1L, 3L], de.TimestampsMs);
        Assert.Equal([1.0, 3.0], de.Features.Single(f => f.Name == "amount").Numbers);

        var other = SegmentRows.Select(batch, "country", v => v is null || v == "FR")!;
        Assert.Equal([false, true], other.Succeeded);
        Assert.Null(SegmentRows.Select(batch, "country", v => v == "US"));
        Assert.Same(batch, SegmentRows.Select(batch, "amount", v => v is not null));
    }

    [Fact]
    public void A_reference_is_restricted_to_the_segment_rows_and_numbers_match_in_round_trip_form()
    {
        var reference = new ReferenceData
        {
            Source = "json",
            Features =
            [
                ReferenceColumn.Numeric("amount", [1, 2, 3, 4]),
                ReferenceColumn.Numeric("tier", [1, 2, 1, double.NaN]),
            ],
            Confidences = [0.1, 0.2, 0.3, 0.4],
        };

        var tier1 = SegmentRows.Restrict(reference, "tier", v => v == SegmentValues.Number(1.0))!;
        Assert.Equal(2, tier1.Rows);
        Assert.Equal([1.0, 3.0], tier1.Features[0].Numbers!);
        Assert.Equal([0.1, 0.3], tier1.Confidences!);
        Assert.Null(SegmentRows.Restrict(reference, "country", _ => true));
        Assert.Equal("1", SegmentValues.Number(1.0));
    }
}

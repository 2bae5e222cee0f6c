using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Tests.Outcomes;

public sealed class EventJoinTests
{
    [Fact]
    public void Events_count_per_prediction_once_per_type_and_revenue_adds_up()
    {
        var f = new OutcomeFixture();
        var batch = new TestBatch("m", "v1");
        for (var i = 0; i < 10; i++)
        {
            batch.Add(f.Now - 1000, 10, prediction: 1, id: $"p{i}");
        }

        f.Predict(batch);
        var counts = f.Outcomes.RecordEvents(Labels.Events(
        [
            ("p0", "click", double.NaN), ("p0", "click", double.NaN), ("p1", "click", double.NaN),
            ("p0", "conversion", double.NaN), ("p0", "revenue", 20), ("p0", "revenue", 5), ("p2", "revenue", 10),
            (null, "click", double.NaN), ("unknown", "click", double.NaN), ("p3", "share", 2),
        ], f.Now), f.Now);

        Assert.Equal(7, counts.Matched);
        Assert.Equal(1, counts.Duplicate);
        Assert.Equal(1, counts.WithoutId);
        Assert.Equal(1, counts.Unmatched);

        var aggregate = f.Last(TimeSpan.FromMinutes(1));
        Assert.Equal(0.4, OutcomeFigures.Rate(aggregate, EventTally.ClickId));
        Assert.Equal(0.1, OutcomeFigures.Rate(aggregate, EventTally.ConversionId));
        Assert.Equal(3.5, OutcomeFigures.ValuePerPrediction(aggregate, EventTally.RevenueId));
        Assert.Equal(1, aggregate.Outcomes.Events!.Duplicates(EventTally.ClickId));
        Assert.Equal(2, aggregate.Outcomes.Events.Matched(EventTally.ClickId));
        var share = f.Ledger.EventTypes.Find("share");
        Assert.Equal(3, share);
        Assert.Equal(0.1, OutcomeFigures.Rate(aggregate, share));
    }

    [Fact]
    public void Model_wide_events_count_only_where_the_prediction_is_held()
    {
        var f = new OutcomeFixture();
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, prediction: 1, id: "here"));

        var matches = f.Outcomes.MatchEvents(Labels.Events([("here", "click", double.NaN), ("here", "click", double.NaN), ("else", "click", double.NaN)], f.Now, version: null), f.Now);

        Assert.Equal([JoinMatch.Joined, JoinMatch.Duplicate, JoinMatch.NotFound], matches);
        Assert.Equal(1, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Events!.Counted(EventTally.ClickId));
    }

    [Fact]
    public void Custom_types_past_the_cap_count_as_other()
    {
        var f = new OutcomeFixture(new OutcomeOptions { MaxCustomEventTypes = 1 });
        f.Outcomes.RecordEvents(Labels.Events([(null, "share", 1), (null, "like", 1), (null, "save", 1)], f.Now), f.Now);

        Assert.Equal(["click", "conversion", "revenue", "share", "other"], f.Ledger.EventTypes.Names);
        Assert.Equal(2, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Events!.Counted(4));
    }
}

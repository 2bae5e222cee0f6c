using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Tests.Outcomes;

/// <summary>How labels find their predictions: in order, late, twice, before their prediction, never, or for nothing to score.</summary>
public sealed class LabelJoinTests
{
    [Fact]
    public void Labels_join_their_predictions_and_are_scored()
    {
        var f = new OutcomeFixture();
        f.Predict(new TestBatch("m", "v1")
            .Add(f.Now - 60_000, 10, confidence: 0.9, prediction: 1, id: "a")
            .Add(f.Now - 60_000, 10, confidence: 0.8, prediction: 0, id: "b")
            .Add(f.Now - 60_000, 10, confidence: 0.7, prediction: 1, id: "c"));

        var joins = f.Label(("a", 1), ("b", 1), ("c", "1"));

        Assert.Equal(3, joins.Joined);
        var o = f.Last(TimeSpan.FromMinutes(5)).Outcomes;
        Assert.Equal(3, o.Classified);
        Assert.Equal(2, o.Correct);
        Assert.Equal(60, o.DelaySeconds!.Mean, 9);
        Assert.Equal(3, f.Ledger.Labels.Joined);
    }

    [Fact]
    public void A_second_label_for_the_same_prediction_is_counted_not_scored()
    {
        var f = new OutcomeFixture();
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, confidence: 0.9, prediction: "cat", id: "a"));

        Assert.Equal(1, f.Label(("a", "cat")).Joined);
        var again = f.Label(("a", "dog"));

        Assert.Equal(1, again.Duplicate);
        var o = f.Last(TimeSpan.FromMinutes(1)).Outcomes;
        Assert.Equal(1, o.Classified);
        Assert.Equal(1, o.Correct);
        Assert.Equal(1, o.Duplicates);
    }

    [Fact]
    public void A_label_days_later_still_joins_within_the_horizon()
    {
        var f = new OutcomeFixture();
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, prediction: 3.5, id: "a"));

        f.Now += (long)TimeSpan.FromDays(6).TotalMilliseconds;
        f.Outcomes.Sweep(f.Now);
        var joins = f.Label(("a", new Labels.Value(4)));

        Assert.Equal(1, joins.Joined);
        var o = f.Last(TimeSpan.FromMinutes(1)).Outcomes;
        Assert.Equal(0.5, o.Regression!.AbsoluteSum);
        Assert.Equal(TimeSpan.FromDays(6).TotalSeconds, o.DelaySeconds!.Mean, 6);
    }

    [Fact]
    public void A_label_after_its_prediction_left_the_index_is_late()
    {
        var f = new OutcomeFixture(new OutcomeOptions { Horizon = TimeSpan.FromDays(1) });
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, prediction: 1, id: "a"));

        f.Now += (long)TimeSpan.FromDays(2).TotalMilliseconds;
        f.Outcomes.Sweep(f.Now);
        var joins = f.Label(("a", 1));

        Assert.Equal(1, joins.Late);
        Assert.Equal(0, f.Ledger.Pending.Count);
        Assert.Equal(1, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Late);
        Assert.Equal(1, f.Index.EvictedByHorizon);
    }

    [Fact]
    public void A_label_before_its_prediction_waits_and_joins_when_it_arrives()
    {
        var f = new OutcomeFixture();
        var joins = f.Label(("early", 1));
        Assert.Equal(1, joins.Pending);
        Assert.Equal(1, f.Ledger.Pending.Count);

        f.Now += 2_000;
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, confidence: 0.7, prediction: 1, id: "early"));
        var resolved = f.Outcomes.RetryPending(f.Now);

        Assert.Equal(1, resolved.Joined);
        Assert.Equal(0, f.Ledger.Pending.Count);
        Assert.Equal(1, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Correct);

        // The label was observed before the prediction was sent: its delay counts as zero, not negative.
        Assert.Equal(0, f.Last(TimeSpan.FromMinutes(1)).Outcomes.DelaySeconds!.Max);
    }

    [Fact]
    public void A_label_whose_prediction_never_arrives_becomes_an_unknown_id_after_the_timeout()
    {
        var f = new OutcomeFixture(new OutcomeOptions { PendingTimeout = TimeSpan.FromMinutes(10) });
        f.Label(("ghost", 1));

        f.Now += (long)TimeSpan.FromMinutes(9).TotalMilliseconds;
        Assert.Equal(0, f.Outcomes.RetryPending(f.Now).UnknownId);
        f.Now += (long)TimeSpan.FromMinutes(2).TotalMilliseconds;
        Assert.Equal(1, f.Outcomes.RetryPending(f.Now).UnknownId);

        Assert.Equal(0, f.Ledger.Pending.Count);
        Assert.Equal(1, f.Ledger.Labels.UnknownId);
        Assert.Equal(1, f.Last(TimeSpan.FromMinutes(30)).Outcomes.UnknownIds);
    }

    [Fact]
    public void Past_the_pending_cap_a_label_is_an_unknown_id_at_once()
    {
        var f = new OutcomeFixture(new OutcomeOptions { MaxPendingLabels = 2 });
        var joins = f.Label(("x", 1), ("y", 1), ("z", 1));

        Assert.Equal(2, joins.Pending);
        Assert.Equal(1, joins.UnknownId);
    }

    [Fact]
    public void Nothing_to_score_is_counted_as_unscorable()
    {
        var f = new OutcomeFixture();
        f.Predict(new TestBatch("m", "v1")
            .Add(f.Now, 10, ok: false, error: "Timeout", id: "failed")
            .Add(f.Now, 10, prediction: "cat", id: "text"));

        var joins = f.Label(("failed", 1), ("text", new Labels.Value(2.5)));

        Assert.Equal(2, joins.Unscorable);
        Assert.Equal(0, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Joined);
    }

    [Fact]
    public void Model_wide_labels_are_matched_without_being_kept_or_counted_when_not_held()
    {
        var f = new OutcomeFixture(new OutcomeOptions { Horizon = TimeSpan.FromHours(1) });
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, prediction: 1, id: "gone").Add(f.Now, 10, prediction: 1, id: "here"));
        f.Now += (long)TimeSpan.FromHours(2).TotalMilliseconds;
        f.Outcomes.Sweep(f.Now);
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, prediction: 0, id: "fresh"));

        var matches = f.Outcomes.MatchLabels(Labels.Of([("fresh", 0), ("gone", 1), ("elsewhere", 1)], f.Now, version: null), f.Now);

        Assert.Equal([JoinMatch.Joined, JoinMatch.Late, JoinMatch.NotFound], matches);
        Assert.Equal(0, f.Ledger.Pending.Count);
        Assert.Equal(0, f.Ledger.Labels.Late);
    }

    [Fact]
    public void Coverage_counts_predictions_of_the_period_that_have_a_label_by_now()
    {
        var f = new OutcomeFixture();
        var batch = new TestBatch("m", "v1");
        for (var i = 0; i < 10; i++)
        {
            batch.Add(f.Now - 30_000, 10, prediction: 1, id: $"p{i}");
        }

        batch.Add(f.Now - 30_000, 10, ok: false, error: "Timeout");
        f.Predict(batch);
        f.Label(("p0", 1), ("p1", 0), ("p2", 1), ("p3", 1));

        var aggregate = f.Last(TimeSpan.FromMinutes(5));
        Assert.Equal(10, aggregate.Successes);
        Assert.Equal(4, aggregate.LabeledPredictions);
        Assert.Equal(0.4, OutcomeFigures.Coverage(aggregate));
    }

    [Fact]
    public void Numeric_and_string_class_labels_name_the_same_class()
    {
        var f = new OutcomeFixture();
        f.Predict(new TestBatch("m", "v1").Add(f.Now, 10, prediction: 1.0, id: "a").Add(f.Now, 10, prediction: "2", id: "b"));

        f.Label(("a", "1"), ("b", 2));

        Assert.Equal(2, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Correct);
        Assert.Equal(["1", "2"], f.Ledger.Classes.Names.OrderBy(n => n));
    }

    [Fact]
    public void Classes_past_the_cap_count_as_other()
    {
        var f = new OutcomeFixture(new OutcomeOptions { MaxClasses = 2 });
        var batch = new TestBatch("m", "v1");
        foreach (var c in new[] { "a", "b", "c", "d" })
        {
            batch.Add(f.Now, 10, prediction: c, id: c);
        }

        f.Predict(batch);
        f.Label(("a", "a"), ("b", "b"), ("c", "d"), ("d", "d"));

        Assert.Equal(["a", "b", "other"], f.Ledger.Classes.Names);
        // c and d are both "other": one class past the cap, so the label for c counts as right.
        Assert.Equal(4, f.Last(TimeSpan.FromMinutes(1)).Outcomes.Correct);
    }
}

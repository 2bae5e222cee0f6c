using Monitor.Grains.Drift;

namespace Monitor.Grains.Tests.Drift;

public sealed class ReferenceCaptureTests
{
    private const long Now = 1_795_000_000_000;

    [Fact]
    public void Takes_exactly_the_target_and_infers_types_from_the_captured_values()
    {
        var capture = new ReferenceCapture(5, Now, new Dictionary<string, FeatureType>());
        var first = new TestBatch("m", "v");
        for (var i = 0; i < 3; i++)
        {
            first.Add(Now, 1, prediction: i % 2, confidence: 0.5, features: new() { ["amount"] = (double)i, ["country"] = "DE" });
        }

        var second = new TestBatch("m", "v");
        for (var i = 3; i < 6; i++)
        {
            second.Add(Now, 1, prediction: i % 2, confidence: 0.5, features: new() { ["amount"] = (double)i, ["country"] = i == 4 ? null : "FR" });
        }

        Assert.False(capture.Offer(first.Build()));
        Assert.Equal(3, capture.Progress().Captured);
        Assert.True(capture.Offer(second.Build()));

        var (reference, problems) = capture.Build();

        Assert.Empty(problems);
        Assert.Equal(5, reference!.Rows);
        Assert.Equal("capture", reference.Source);
        var amount = reference.Features.Single(f => f.Name == "amount");
        Assert.Equal(FeatureType.Numeric, amount.Type);
        Assert.Equal([0.0, 1, 2, 3, 4], amount.Numbers!);
        Assert.Equal(new string?[] { "DE", "DE", "DE", "FR", null }.AsEnumerable(), reference.Features.Single(f => f.Name == "country").Labels!);
        Assert.Equal(FeatureType.Categorical, reference.Predictions!.Type);
        Assert.Equal(new string?[] { "0", "1", "0", "1", "0" }.AsEnumerable(), reference.Predictions.Labels!);
        Assert.Equal(5, reference.Confidences!.Length);
    }

    [Fact]
    public void Declared_types_win_and_text_in_a_declared_numeric_feature_fails_the_capture()
    {
        var declared = new Dictionary<string, FeatureType> { ["zip"] = FeatureType.Categorical, ["amount"] = FeatureType.Numeric };
        var capture = new ReferenceCapture(2, Now, declared);
        capture.Offer(new TestBatch("m", "v")
            .Add(Now, 1, features: new() { ["zip"] = 10115.0, ["amount"] = 1.0 })
            .Add(Now, 1, features: new() { ["zip"] = 80331.0, ["amount"] = "n/a" })
            .Build());

        var (reference, problems) = capture.Build();

        Assert.Null(reference);
        Assert.Equal("features.amount", problems.Single().Field);
    }

    [Fact]
    public void Fractional_predictions_make_a_regression_output()
    {
        var capture = new ReferenceCapture(3, Now, new Dictionary<string, FeatureType>());
        capture.Offer(new TestBatch("m", "v").Add(Now, 1, prediction: 1.5).Add(Now, 1, prediction: 2.0).Add(Now, 1, prediction: 3.25).Build());

        var (reference, _) = capture.Build();

        Assert.Equal(FeatureType.Numeric, reference!.Predictions!.Type);
        Assert.Null(reference.Confidences);
    }
}

using Monitor.Grains.Alerting;

namespace Monitor.Grains.Tests.Alerting;

public sealed class LabelSetTests
{
    [Fact]
    public void Fingerprint_is_prometheus_fnv1a_over_sorted_labels()
    {
        // Prometheus: the fingerprint of the empty label set is the FNV-1a 64 offset basis.
        Assert.Equal("cbf29ce484222325", LabelSet.Empty.Fingerprint());
        var a = LabelSet.From(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var b = LabelSet.From(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "" });
        Assert.Equal(a.Fingerprint(), b.Fingerprint());
        Assert.Equal("{a=\"1\", b=\"2\"}", a.ToString());
        Assert.NotEqual(a.Fingerprint(), LabelSet.From(new Dictionary<string, string> { ["a"] = "12" }).Fingerprint());
    }

    [Theory]
    [InlineData("=", "fraud", "fraud", true)]
    [InlineData("!=", "fraud", "fraud", false)]
    [InlineData("=~", "fr.*", "fraud", true)]
    [InlineData("=~", "fr", "fraud", false)]
    [InlineData("!~", "churn|fraud", "fraud", false)]
    [InlineData("!~", "churn", "fraud", true)]
    public void Matchers_follow_alertmanager(string op, string value, string label, bool matches)
    {
        Assert.True(LabelMatcher.TryParseOperator(op, out var parsed));
        var matcher = new LabelMatcher("model", parsed, value);
        Assert.Equal(matches, matcher.Matches(LabelSet.From(new Dictionary<string, string> { ["model"] = label })));
    }

    [Fact]
    public void A_missing_label_matches_as_empty()
    {
        Assert.True(new LabelMatcher("team", MatchOperator.Equal, "").Matches(LabelSet.Empty));
        Assert.NotNull(new LabelMatcher("team", MatchOperator.Regex, "(").PatternError());
    }
}

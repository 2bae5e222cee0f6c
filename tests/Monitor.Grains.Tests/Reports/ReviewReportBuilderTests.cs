using Monitor.Grains.Reports;

namespace Monitor.Grains.Tests.Reports;

public sealed class ReviewReportBuilderTests
{
    [Fact]
    public void What_changed_compares_the_period_with_the_one_before_on_hand_computed_figures()
    {
        var report = ReviewReportBuilder.Build(ReportSamples.Inputs());
        var changed = report.WhatChanged;

        Assert.Equal("windows", changed.PreviousSource);
        Assert.Equal(240, changed.Current.Requests);
        Assert.Equal(24, changed.Current.Errors);
        Assert.Equal(0.1, changed.Current.ErrorRate!.Value, 12);
        Assert.Equal(120, changed.Previous!.Requests);
        Assert.Equal(1 / 120.0, changed.Previous.ErrorRate!.Value, 12);

        var byName = changed.Figures.ToDictionary(f => f.Figure);
        Assert.Equal("up", byName["requests"].Direction);
        Assert.Equal(1.0, byName["requests"].RelativeChange!.Value, 12);
        Assert.Equal("worse", byName["error_rate"].Direction);
        Assert.Equal(11.0, byName["error_rate"].RelativeChange!.Value, 9);
        Assert.Equal("worse", byName["p99_latency_ms"].Direction);
        Assert.Equal(200, byName["p99_latency_ms"].Current!.Value, 12);
        Assert.Equal("worse", byName["accuracy"].Direction);
        Assert.Equal(0.8, byName["accuracy"].Current!.Value, 12);
        Assert.Equal(0.9, byName["accuracy"].Previous!.Value, 12);
        Assert.Equal("better", byName["alerts_fired"].Direction);
        Assert.Equal(1, byName["alerts_fired"].Current);
        Assert.Equal(2, byName["alerts_fired"].Previous);

        Assert.Equal(["v1/amount"], changed.NewlyDrifted);
        Assert.Equal(["v1/country"], changed.NoLongerDrifted);
    }

    [Fact]
    public void The_report_holds_the_period_only_and_says_what_it_covers()
    {
        var report = ReviewReportBuilder.Build(ReportSamples.Inputs());

        Assert.Equal(ReportSamples.Now.AddHours(-12), report.From);
        Assert.Equal(720, report.CoveredMinutes);
        var version = Assert.Single(report.Versions);
        Assert.Equal(12, version.Series.Count);
        Assert.All(version.Series, p => Assert.True(p.Time >= report.From));
        Assert.Equal(2, report.Alerts.Count);
        Assert.Equal("resolved", report.Alerts[0].Event);
        Assert.Contains(ReviewReportBuilder.SegmentsNote, report.Notes);

        var amount = version.FeatureTrends.Single(t => t.Feature == "amount");
        Assert.Equal(3, amount.Evaluations);
        Assert.Equal(1, amount.Drifted);
        Assert.Equal(0.001, amount.MinPValue);
    }

    [Fact]
    public void A_period_beyond_the_retention_is_cut_to_it_and_compared_with_the_last_review()
    {
        var last = new PeriodFigures
        {
            From = ReportSamples.Now.AddDays(-14),
            To = ReportSamples.Now.AddDays(-7),
            Requests = 480,
            Errors = 0,
            ErrorRate = 0,
            DriftedFeatures = ["v1/amount"],
            AlertsFired = 0,
        };
        var inputs = ReportSamples.Inputs(lastReview: last, retention: TimeSpan.FromHours(12)) with { Period = ReportPeriod.Default };
        var report = ReviewReportBuilder.Build(inputs);

        Assert.Equal(720, report.CoveredMinutes);
        Assert.Contains(report.Notes, n => n.Contains("cover the last 12 h of the 7d period", StringComparison.Ordinal));
        Assert.Equal("previous_review", report.WhatChanged.PreviousSource);
        Assert.Same(last, report.WhatChanged.Previous);
        Assert.Empty(report.WhatChanged.NewlyDrifted);
        Assert.Equal("down", report.WhatChanged.Figures.Single(f => f.Figure == "requests").Direction);
        Assert.Equal("unknown", report.WhatChanged.Figures.Single(f => f.Figure == "p99_latency_ms").Direction);
    }

    [Fact]
    public void Without_a_previous_period_the_changes_are_unknown_and_the_report_says_why()
    {
        var report = ReviewReportBuilder.Build(ReportSamples.Inputs(retention: TimeSpan.FromHours(12)));

        Assert.Null(report.WhatChanged.Previous);
        Assert.Equal("none", report.WhatChanged.PreviousSource);
        Assert.All(report.WhatChanged.Figures, f => Assert.Equal("unknown", f.Direction));
        Assert.Contains(report.Notes, n => n.StartsWith("No previous period", StringComparison.Ordinal));
    }

    [Fact]
    public void A_version_asked_for_keeps_only_its_alerts()
    {
        var inputs = ReportSamples.Inputs() with { VersionAsked = "v2" };
        Assert.Empty(ReviewReportBuilder.Build(inputs).Alerts);
    }
}

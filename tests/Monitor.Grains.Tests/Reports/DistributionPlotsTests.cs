using System.Xml.Linq;
using Monitor.Grains.Drift;
using Monitor.Grains.Reports;
using Monitor.Grains.Reports.Rendering;

namespace Monitor.Grains.Tests.Reports;

public sealed class DistributionPlotsTests
{
    private static FeatureDistribution Distribution(string feature, int referenceSize, int currentSize) => new()
    {
        Model = "fraud",
        Version = "v1",
        Feature = feature,
        Kind = "numeric",
        ReadAt = ReportSamples.Now,
        Reference = new ReferenceSample { Rows = referenceSize, Size = referenceSize, Missing = 0 },
        Current = new WindowSample { Records = currentSize, WindowSize = 1000, Size = currentSize, Missing = 0, WrongType = 0 },
    };

    [Fact]
    public void Numeric_bins_are_shares_of_each_sides_own_size()
    {
        var plot = DistributionPlots.From(Distribution("amount", 4, 10) with
        {
            Histogram = new DistributionHistogram { Edges = [0, 5, 10], ReferenceCounts = [3, 1], CurrentCounts = [1, 9], WholeNumberBins = false },
        })!;

        Assert.Equal("numeric", plot.Kind);
        Assert.Equal(["0–5", "5–10"], plot.Labels);
        Assert.Equal([0.75, 0.25], plot.Reference);
        Assert.Equal([0.1, 0.9], plot.Current);
    }

    [Fact]
    public void Categories_keep_their_order_mark_new_ones_and_sum_the_rest()
    {
        var plot = DistributionPlots.From(Distribution("country", 10, 5) with
        {
            Kind = "categorical",
            Categories =
            [
                new CategoryShare { Value = "DE", Reference = 6, Current = 1, InReference = true },
                new CategoryShare { Value = "XX", Reference = 0, Current = 3, InReference = false },
            ],
            Other = new OtherCategories { Categories = 2, Reference = 4, Current = 1 },
        })!;

        Assert.Equal(["DE", "XX (new)", "other (2)"], plot.Labels);
        Assert.Equal([0.6, 0, 0.4], plot.Reference);
        Assert.Equal([0.2, 0.6, 0.2], plot.Current);
    }

    [Fact]
    public void The_drift_section_draws_reference_against_current_for_each_plotted_feature()
    {
        var inputs = ReportSamples.Inputs();
        var plot = DistributionPlots.From(Distribution("amount", 4, 10) with
        {
            Histogram = new DistributionHistogram { Edges = [0, 1, 2, 3], ReferenceCounts = [2, 2, 0], CurrentCounts = [0, 5, 5], WholeNumberBins = true },
        })!;
        inputs = inputs with { Versions = [inputs.Versions[0] with { Distributions = [plot] }] };

        var page = XDocument.Parse(HtmlReportRenderer.Render(ReviewReportBuilder.Build(inputs))["<!DOCTYPE html>".Length..]);
        var drift = page.Descendants("section").Single(s => (string?)s.Attribute("id") == "drift-v1");
        var chart = drift.Descendants("svg").Single(s => ((string?)s.Attribute("aria-label"))?.StartsWith("amount: reference against current", StringComparison.Ordinal) == true);

        // Two reference bars and two current ones: empty bins draw nothing.
        var bars = chart.Descendants("rect").Where(r => r.Element("title") is not null).ToList();
        Assert.Equal(4, bars.Count);
        Assert.Contains(bars, b => b.Element("title")!.Value == "2: current 0.5");
        Assert.DoesNotContain("Distribution plots: not available", drift.Value, StringComparison.Ordinal);
    }
}

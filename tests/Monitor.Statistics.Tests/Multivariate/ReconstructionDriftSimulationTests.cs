using Monitor.Statistics.Drift;
using Monitor.Statistics.Multivariate;

namespace Monitor.Statistics.Tests.Multivariate;

/// <summary>
/// The multivariate verdict by seeded simulation. Features follow an AR(1) chain across features (correlation
/// rho^|a-b|); flipping the sign of every other feature turns the correlations to (-1)^(a+b) rho^|a-b| while each
/// feature stays standard normal. That drift must be caught, by the reconstruction error and not by the
/// per-feature tests; with no drift the verdict must raise a false alarm at most 5% of the time.
/// </summary>
public sealed class ReconstructionDriftSimulationTests
{
    [Fact]
    public void ACorrelationFlipWithUnchangedMarginalsIsCaughtOnlyByTheReconstructionError()
    {
        var random = new SeededSamples(20261202);
        const int trials = 20;
        int multivariate = 0, perFeature = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var reference = Chain(random, 4, 5000, 0.8, flip: false);
            var window = Chain(random, 4, 1000, 0.8, flip: true);
            var model = Fit(reference);

            var result = model.Evaluate(window, 30);

            multivariate += result.Drifted == true ? 1 : 0;
            var engine = new DriftEngine();
            var report = engine.Evaluate(
                DriftReference.Prepare(reference.Select((c, j) => DriftColumn.Numeric($"x{j}", c))),
                [.. window.Select((c, j) => DriftColumn.Numeric($"x{j}", c))]);
            perFeature += report.Dataset.Drifted ? 1 : 0;
        }

        Assert.Equal(trials, multivariate);
        Assert.True(perFeature <= 3, $"the per-feature verdict fired on {perFeature} of {trials} windows with unchanged marginals");
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(200)]
    public void WithoutDriftFalseAlarmsStayUnderFivePercent(int windowRows)
    {
        var random = new SeededSamples(20261203 + windowRows);
        const int trials = 200;
        var alarms = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var model = Fit(Chain(random, 10, 5000, 0.6, flip: false));

            var result = model.Evaluate(Chain(random, 10, windowRows, 0.6, flip: false), 30);

            Assert.NotNull(result.Drifted);
            alarms += result.Drifted == true ? 1 : 0;
        }

        Assert.True(alarms <= trials * 0.05, $"{alarms} false alarms in {trials} windows of {windowRows} rows");
    }

    [Fact]
    public void MissingValuesAreImputedWithTheReferenceMean()
    {
        var random = new SeededSamples(7);
        var reference = Chain(random, 3, 2000, 0.7, flip: false);
        var model = Fit(reference);
        var window = Chain(random, 3, 100, 0.7, flip: false);
        var withGaps = window.Select(c => c.ToArray()).ToArray();
        withGaps[1][0] = double.NaN;
        withGaps[0][1] = withGaps[1][1] = withGaps[2][1] = double.NaN;
        var imputed = window.Select(c => c.ToArray()).ToArray();
        imputed[1][0] = model.Means[1];

        var (gapError, gapRows) = model.Error([.. withGaps.Select(c => (ReadOnlyMemory<double>)c)]);
        var (imputedError, imputedRows) = model.Error([.. imputed.Select((c, j) => (ReadOnlyMemory<double>)c.Where((_, i) => i != 1).ToArray())]);

        Assert.Equal(99, gapRows);
        Assert.Equal(imputedRows, gapRows);
        Assert.Equal(imputedError, gapError, 12);
    }

    [Fact]
    public void AWindowBelowTheMinimumGetsNoVerdict()
    {
        var random = new SeededSamples(11);
        var model = Fit(Chain(random, 3, 2000, 0.7, flip: false));

        var result = model.Evaluate(Chain(random, 3, 20, 0.7, flip: true), 30);

        Assert.Null(result.Drifted);
        Assert.Equal(20, result.Rows);
        Assert.True(result.Upper > result.Lower);
    }

    private static ReconstructionModel Fit(ReadOnlyMemory<double>[] reference) =>
        ReconstructionModel.Fit([.. reference.Select((_, j) => $"x{j}")], reference, ReconstructionDriftOptions.Default, out var reason)
        ?? throw new InvalidOperationException(reason);

    private static ReadOnlyMemory<double>[] Chain(SeededSamples random, int features, int rows, double rho, bool flip)
    {
        var columns = new double[features][];
        for (var j = 0; j < features; j++)
        {
            columns[j] = new double[rows];
        }

        var innovation = Math.Sqrt(1 - (rho * rho));
        for (var i = 0; i < rows; i++)
        {
            var x = random.Normal();
            columns[0][i] = x;
            for (var j = 1; j < features; j++)
            {
                x = (rho * x) + (innovation * random.Normal());
                columns[j][i] = flip && j % 2 == 1 ? -x : x;
            }
        }

        return [.. columns.Select(c => (ReadOnlyMemory<double>)c)];
    }
}

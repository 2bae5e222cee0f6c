using Monitor.Grains.Rebalancing;

namespace Monitor.Grains.Tests.Rebalancing;

public sealed class SiloLoadMeterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_version_seen_for_the_first_time_reports_its_rate_since_activation()
    {
        var versions = new SiloVersionLoad();
        var counter = versions.Register("m/v1", 0);
        counter.Add(500);

        var load = Assert.Single(new SiloLoadMeter(versions, TimeSpan.FromSeconds(30)).Read(5_000));

        Assert.Equal(100, load.RecordsPerSecond, 9);
    }

    [Fact]
    public void A_step_in_load_is_followed_with_the_configured_time_constant()
    {
        var versions = new SiloVersionLoad();
        var counter = versions.Register("m/v1", 0);
        var meter = new SiloLoadMeter(versions, TimeSpan.FromSeconds(30));
        counter.Add(500);
        meter.Read(5_000);

        // From 100 to 200 records/s: after one time constant (six 5 s readings) 1 - 1/e of the step is taken.
        double rate = 0;
        for (var i = 2; i <= 7; i++)
        {
            counter.Add(1_000);
            rate = meter.Read(i * 5_000)[0].RecordsPerSecond;
        }

        Assert.Equal(100 + (100 * (1 - Math.Exp(-1))), rate, 9);
    }

    [Fact]
    public void Without_smoothing_each_interval_reports_its_own_rate()
    {
        var versions = new SiloVersionLoad();
        var counter = versions.Register("m/v1", 0);
        var meter = new SiloLoadMeter(versions, TimeSpan.Zero);
        counter.Add(500);
        meter.Read(5_000);
        counter.Add(2_000);

        Assert.Equal(400, meter.Read(10_000)[0].RecordsPerSecond, 9);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, false)]
    public void A_silo_that_stalls_for_one_report_interval_moves_nothing_once_rates_are_smoothed(int smoothingSeconds, bool moves)
    {
        // Two silos of 20 versions at 100 records/s each; silo "a" applies nothing in some intervals and catches up
        // in the next (a long collection, a CPU-starved process), as a saturated silo does.
        var options = new RebalancingOptions { RateSmoothing = TimeSpan.FromSeconds(smoothingSeconds) };
        var a = new SiloVersionLoad();
        var b = new SiloVersionLoad();
        var aCounters = Enumerable.Range(0, 20).Select(i => a.Register($"a{i}", 0)).ToList();
        var bCounters = Enumerable.Range(0, 20).Select(i => b.Register($"b{i}", 0)).ToList();
        var aMeter = new SiloLoadMeter(a, options.RateSmoothing);
        var bMeter = new SiloLoadMeter(b, options.RateSmoothing);
        int[] stalls = [3, 8, 14, 19, 25, 31, 36];
        var roundsWithMoves = 0;
        for (var round = 1; round <= 40; round++)
        {
            var aRecords = stalls.Contains(round) ? 0 : stalls.Contains(round - 1) ? 1_000 : 500;
            aCounters.ForEach(c => c.Add(aRecords));
            bCounters.ForEach(c => c.Add(500));
            var nowMs = round * 5_000L;
            SiloLoadSample[] silos = [new("a", 0, aMeter.Read(nowMs)), new("b", 0, bMeter.Read(nowMs))];
            if (RebalancePlanner.Plan(silos, new Dictionary<string, DateTimeOffset>(), Now, options).Count > 0)
            {
                roundsWithMoves++;
            }
        }

        Assert.Equal(moves, roundsWithMoves > 0);
    }
}

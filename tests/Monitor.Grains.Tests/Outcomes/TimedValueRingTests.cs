using Monitor.Grains.Outcomes;

namespace Monitor.Grains.Tests.Outcomes;

public sealed class TimedValueRingTests
{
    [Fact]
    public void Holds_everything_until_it_drops_and_then_says_from_when()
    {
        var ring = new TimedValueRing(100);
        for (var i = 0; i < 100; i++)
        {
            ring.Add(i, i * 10);
        }

        Assert.True(ring.HoldsEverythingSince(0));
        Assert.Equal([500, 510], ring.Select(50, 52));

        ring.Add(100, 1000);
        ring.Add(101, 1010);
        Assert.False(ring.HoldsEverythingSince(1));
        Assert.True(ring.HoldsEverythingSince(2));
        Assert.Equal(100, ring.Count);
        Assert.Equal([20, 1000, 1010], ring.Select(2, 3).Concat(ring.Select(100, 102)).ToList());
    }
}

using Monitor.Grains.Outcomes.Estimation;

namespace Monitor.Grains.Tests.Outcomes.Estimation;

public sealed class ChunkSpreadTests
{
    [Fact]
    public void The_accuracy_spread_of_a_binomial_reference_is_the_binomial_spread()
    {
        // 20,000 rows, right with probability 0.8: the accuracy of n rows varies by √(0.8 · 0.2 / n).
        var random = new Random(3);
        var (predicted, actual) = Rows(20_000, i => random.NextDouble() < 0.8);
        var spread = new ChunkSpread(predicted, actual);

        foreach (var n in new[] { 64, 500, 1000 })
        {
            var s = spread.For(n)!;
            var expected = Math.Sqrt(0.8 * 0.2 / n);
            Assert.InRange(s.Accuracy, expected * 0.8, expected * 1.2);
            Assert.True(s.Chunks >= ChunkSpread.MinChunks);
        }
    }

    [Fact]
    public void Samples_larger_than_a_tenth_of_the_reference_are_scaled_from_smaller_chunks()
    {
        var random = new Random(5);
        var (predicted, actual) = Rows(1_000, i => random.NextDouble() < 0.7);
        var spread = new ChunkSpread(predicted, actual);

        var large = spread.For(5_000)!;
        var chunk = spread.For(64)!;

        Assert.Equal(64, large.ChunkSize);
        Assert.Equal(chunk.Accuracy * Math.Sqrt(64 / 5000.0), large.Accuracy, 12);
        Assert.InRange(large.Accuracy, 0.5 * Math.Sqrt(0.21 / 5000), 1.5 * Math.Sqrt(0.21 / 5000));
    }

    [Fact]
    public void Chunks_are_powers_of_two_and_a_tiny_reference_has_no_spread()
    {
        var (predicted, actual) = Rows(9, i => i % 2 == 0);
        Assert.Null(new ChunkSpread(predicted, actual).For(5));

        var (p, a) = Rows(1_000, i => i % 3 != 0);
        var spread = new ChunkSpread(p, a);
        Assert.Equal(64, spread.For(100)!.ChunkSize);
        Assert.Equal(1, spread.For(1)!.ChunkSize);
        Assert.Null(spread.For(0));
    }

    [Fact]
    public void A_reference_that_is_always_right_has_no_spread()
    {
        var (predicted, actual) = Rows(500, _ => true);
        var s = new ChunkSpread(predicted, actual).For(20)!;

        Assert.Equal(0, s.Accuracy);
        Assert.Equal(0, s.F1Macro);
    }

    // Three classes; a wrong row's label is the next class.
    private static (int[] Predicted, int[] Actual) Rows(int n, Func<int, bool> right)
    {
        var predicted = new int[n];
        var actual = new int[n];
        for (var i = 0; i < n; i++)
        {
            predicted[i] = i % 3;
            actual[i] = right(i) ? predicted[i] : (predicted[i] + 1) % 3;
        }

        return (predicted, actual);
    }
}

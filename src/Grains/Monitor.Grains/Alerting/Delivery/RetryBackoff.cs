namespace Monitor.Grains.Alerting.Delivery;

/// <summary>Exponential backoff with jitter: attempt n waits initial x 2^(n-1), capped, scaled by a random 50-100%.</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, Random random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ticks = Math.Min(max.Ticks, initial.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(ticks * (0.5 + (random.NextDouble() * 0.5))));
    }
}

using System.Net;
using System.Net.Http.Headers;

namespace Monitor.Client;

/// <summary>Which answers are worth retrying, and how long to wait before the next try.</summary>
internal static class RetryPolicy
{
    public static bool IsRetryable(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The server's Retry-After when it gave one (capped at <paramref name="max"/>); otherwise exponential
    /// backoff from <paramref name="initial"/> with "equal jitter" (half fixed, half random).
    /// </summary>
    public static TimeSpan Delay(int retry, TimeSpan initial, TimeSpan max, RetryConditionHeaderValue? retryAfter, DateTimeOffset now, Random random)
    {
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta, max);
        }

        if (retryAfter?.Date is { } date)
        {
            return Clamp(date - now, max);
        }

        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
}

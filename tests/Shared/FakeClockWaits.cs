using Microsoft.Extensions.Time.Testing;

namespace Monitor.Testing;

/// <summary>
/// Waiting on code that runs on a fake clock. Such code may read the time just before the test advances it and
/// start its delay just after, and then waits for the next advance; so the clock keeps moving by a step until
/// what is awaited has happened (or the real-time limit has passed).
/// </summary>
public static class FakeClockWaits
{
    public static async Task AdvanceUntilAsync(this FakeTimeProvider time, Task awaited, TimeSpan step, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(30));
        while (!awaited.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(step);
            await Task.WhenAny(awaited, Task.Delay(20));
        }

        await awaited.WaitAsync(TimeSpan.FromSeconds(1));
    }

    public static async Task<T> AdvanceUntilAsync<T>(this FakeTimeProvider time, Task<T> awaited, TimeSpan step, TimeSpan? limit = null)
    {
        await time.AdvanceUntilAsync((Task)awaited, step, limit);
        return await awaited;
    }
}

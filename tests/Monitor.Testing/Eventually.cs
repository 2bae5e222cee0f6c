using Microsoft.Extensions.Time.Testing;

namespace Monitor.Testing;

/// <summary>
/// The one way tests wait: on a condition, polled in real time until it holds or the patience runs out (a
/// failure naming what was awaited), or on a fake clock that keeps moving by a step until the awaited task has
/// completed. Never a fixed sleep: a sleep either wastes time or is too short on a busy machine.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls until <paramref name="condition"/> holds; throws naming <paramref name="what"/> if it does not in time.</summary>
    public static async Task TrueAsync(string what, Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var patience = limit ?? Patience;
        if (!await PollAsync(condition, () => Task.Delay(Interval), patience))
        {
            throw new TimeoutException($"waited {patience.TotalSeconds:0.#} s for {what}");
        }
    }

    public static Task TrueAsync(string what, Func<bool> condition, TimeSpan? limit = null) =>
        TrueAsync(what, () => Task.FromResult(condition()), limit);

    /// <summary>Polls until <paramref name="ask"/> answers (not null) and returns the answer.</summary>
    public static async Task<T> ValueAsync<T>(string what, Func<Task<T?>> ask, TimeSpan? limit = null)
        where T : class
    {
        T? answer = null;
        await TrueAsync(what, async () => (answer = await ask()) is not null, limit);
        return answer!;
    }

    /// <summary>
    /// Waits on code that runs on a fake clock. Such code may read the time just before the test advances it and
    /// start its delay just after, and then waits for the next advance; so the clock keeps moving by a step until
    /// what is awaited has happened (or the real-time limit has passed).
    /// </summary>
    public static async Task AdvanceUntilAsync(this FakeTimeProvider time, Task awaited, TimeSpan step, TimeSpan? limit = null)
    {
        await PollAsync(
            () => Task.FromResult(awaited.IsCompleted),
            async () =>
            {
                time.Advance(step);
                await Task.WhenAny(awaited, Task.Delay(Interval));
            },
            limit ?? Patience);
        await awaited.WaitAsync(TimeSpan.FromSeconds(1));
    }

    public static async Task<T> AdvanceUntilAsync<T>(this FakeTimeProvider time, Task<T> awaited, TimeSpan step, TimeSpan? limit = null)
    {
        await time.AdvanceUntilAsync((Task)awaited, step, limit);
        return await awaited;
    }

    private static async Task<bool> PollAsync(Func<Task<bool>> done, Func<Task> between, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await done())
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await between();
        }

        return true;
    }
}

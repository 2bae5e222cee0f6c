namespace Monitor.Cluster.EndToEndTests;

/// <summary>
/// How many kills a crash test makes: a few by default, so the suite stays short; set <c>MONITOR_CRASH_KILLS</c>
/// (for example 20) for a longer run.
/// </summary>
public static class CrashRounds
{
    public static int Count(int byDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable("MONITOR_CRASH_KILLS"), out var kills) && kills > 0 ? kills : byDefault;
}

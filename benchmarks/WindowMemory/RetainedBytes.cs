namespace Monitor.Benchmarks.WindowMemory;

/// <summary>
/// What groups of objects keep alive, measured by letting go of them one group at a time and reading the live
/// heap after a full collection each time (<see cref="GC.GetTotalMemory(bool)"/>): a group's figure is what
/// became collectable when it was dropped, so objects shared with a group dropped later count there.
/// </summary>
internal static class RetainedBytes
{
    public static long Live() => GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>
    /// Drops the groups in order (each group's holder is cleared by <paramref name="release"/>) and returns what
    /// each one held. <paramref name="release"/> must leave no other reference to the group.
    /// </summary>
    public static List<(string Name, long Bytes)> Measure(IReadOnlyList<string> groups, Action<int> release)
    {
        var result = new List<(string, long)>(groups.Count);
        var before = Live();
        for (var g = 0; g < groups.Count; g++)
        {
            release(g);
            var after = Live();
            result.Add((groups[g], before - after));
            before = after;
        }

        return result;
    }
}

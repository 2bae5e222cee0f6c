namespace Monitor.Grains;

/// <summary>The grain storage every Monitor grain persists to; the silo decides what backs it.</summary>
public static class MonitorStorage
{
    public const string Name = "monitor";
}

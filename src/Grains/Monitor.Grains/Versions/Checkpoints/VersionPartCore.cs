namespace Monitor.Grains.Versions.Checkpoints;

/// <summary>
/// A part's section of the checkpoint's core row: small state that must describe the same moment as the pages
/// (a window's counters, a capture's page count, an outcome ledger). Each part derives its own.
/// </summary>
[GenerateSerializer, Alias("monitor.VersionPartCore")]
public abstract class VersionPartCore
{
}

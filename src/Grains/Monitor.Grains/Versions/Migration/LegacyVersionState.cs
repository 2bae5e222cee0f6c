using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.Versions.Parts;
using Orleans.Storage;

namespace Monitor.Grains.Versions.Migration;

/// <summary>
/// The one state (name "version") that builds before parts wrote for drift and alerting together. On activation
/// it is copied into the drift part's and the alerting part's own states, then cleared; a crash in between copies
/// again into the states not yet written. Its ids are those those builds wrote; it is never written now.
/// </summary>
[GenerateSerializer, Alias("monitor.VersionState")]
public sealed class LegacyVersionState
{
    private const string StateName = "version";

    [Id(10)] public DriftSettings? DriftSettings { get; set; }
    [Id(11)] public CaptureProgressState? Capture { get; set; }
    [Id(13)] public List<Drift.FieldProblem>? LastCaptureProblems { get; set; }
    [Id(20)] public VersionAlertState? Alerting { get; set; }

    public static async Task UpgradeAsync(IGrainStorage storage, GrainId grainId)
    {
        var legacy = await new PartState<LegacyVersionState>(storage, grainId, StateName).ReadAsync();
        if (!legacy.RecordExists)
        {
            return;
        }

        var old = legacy.Value;
        var drift = await new PartState<DriftState>(storage, grainId, DriftPart.PartName).ReadAsync();
        if (!drift.RecordExists)
        {
            drift.Value = new DriftState { Settings = old.DriftSettings, Capture = old.Capture, LastCaptureProblems = old.LastCaptureProblems };
            await drift.WriteAsync();
        }

        var alerting = await new PartState<VersionAlertState>(storage, grainId, AlertingPart.PartName).ReadAsync();
        if (!alerting.RecordExists && old.Alerting is { } rules)
        {
            alerting.Value = rules;
            await alerting.WriteAsync();
        }

        await legacy.ClearAsync();
    }
}

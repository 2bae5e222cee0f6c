namespace Monitor.Grains.Drift;

/// <summary>
/// The last drift report is not checkpointed (the history keeps its verdicts): a version that moves hands it over,
/// so the new silo answers the same report and does not evaluate again until new records arrive.
/// </summary>
public sealed partial class DriftPart
{
    private const string LastReportKey = PartName + ".last";

    public override void Dehydrate(IDehydrationContext migration)
    {
        if (_last is not null)
        {
            migration.TryAddValue(LastReportKey, new CarriedDriftReport(_last, _recordsAtLastEvaluation));
        }
    }

    public override void Rehydrate(IRehydrationContext migration)
    {
        if (migration.TryGetValue(LastReportKey, out CarriedDriftReport? carried) && carried is not null)
        {
            _last = carried.Report;
            _recordsAtLastEvaluation = carried.RecordsAtEvaluation;
        }
    }
}

/// <summary>The drift report a moving version carries, with the record count it was evaluated at.</summary>
[GenerateSerializer, Immutable, Alias("monitor.CarriedDriftReport")]
public sealed record CarriedDriftReport([property: Id(0)] VersionDriftReport Report, [property: Id(1)] long RecordsAtEvaluation);

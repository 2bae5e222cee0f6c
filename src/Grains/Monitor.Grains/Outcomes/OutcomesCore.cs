using Monitor.Grains.Versions.Checkpoints;

namespace Monitor.Grains.Outcomes;

/// <summary>The outcomes part's section of the checkpoint's core row: the ledger (vocabularies, totals; <see cref="OutcomePages"/>).</summary>
[GenerateSerializer, Alias("monitor.OutcomesCore")]
public sealed class OutcomesCore : VersionPartCore
{
    [Id(0)] public OutcomeLedger? Ledger { get; set; }
}

using Monitor.Grains.Alerting;
using Monitor.Grains.Drift;
using Monitor.Grains.History;
using Monitor.Grains.Outcomes;
using Monitor.Grains.Rebalancing;
using Monitor.Grains.Segments;
using Monitor.Grains.Trends;
using Monitor.Grains.Versions.Parts;
using Monitor.Grains.Windows;

namespace Monitor.Grains.Versions;

/// <summary>
/// The parts a model version is composed of, in the order their hooks run; a part takes the parts it reads from
/// by constructor, so they come before it. A new concern is a new part folder and one line in <see cref="All"/>.
/// </summary>
public sealed class VersionParts
{
    public VersionParts()
    {
        Windows = new WindowPart();
        Outcomes = new OutcomesPart(Windows);
        Drift = new DriftPart(Windows, Outcomes);
        Trends = new TrendPart(Windows, Outcomes, Drift);
        Segments = new SegmentsPart(Windows, Drift, Outcomes);
        Alerting = new AlertingPart();
        History = new HistoryPart(Windows, Outcomes, Segments);
        Load = new LoadPart();
        All = [Windows, Outcomes, Drift, Trends, Segments, Alerting, History, Load];
    }

    public WindowPart Windows { get; }

    public OutcomesPart Outcomes { get; }

    public DriftPart Drift { get; }

    public TrendPart Trends { get; }

    public SegmentsPart Segments { get; }

    public AlertingPart Alerting { get; }

    public HistoryPart History { get; }

    public LoadPart Load { get; }

    public IReadOnlyList<VersionPart> All { get; }
}

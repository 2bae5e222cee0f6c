using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Ingest;

/// <summary>One feature value of a staged record; <see cref="Column"/> is resolved when the record is accepted.</summary>
internal struct StagedFeature
{
    public int NameId;
    public int Column;
    public double Number;
    public string? Text;
    public FeatureValueKind Kind;
}

namespace Monitor.Grains.Versions;

[GenerateSerializer, Alias("monitor.ResumeListState")]
public sealed class ResumeListState
{
    /// <summary>By version key ("model/version").</summary>
    [Id(0)] public Dictionary<string, ResumeMark> Versions { get; set; } = new(StringComparer.Ordinal);
}

namespace Monitor.Grains.ModelServers;

[GenerateSerializer, Alias("monitor.ModelMappingState")]
public sealed class ModelMappingState
{
    [Id(0)] public ModelMapping? Mapping { get; set; }
}

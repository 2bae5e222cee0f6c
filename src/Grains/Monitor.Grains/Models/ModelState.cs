namespace Monitor.Grains.Models;

[GenerateSerializer, Alias("monitor.ModelState")]
public sealed class ModelState
{
    [Id(0)] public List<string> Versions { get; set; } = [];
}

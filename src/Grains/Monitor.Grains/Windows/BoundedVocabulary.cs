namespace Monitor.Grains.Windows;

/// <summary>
/// The distinct strings a version has used for one purpose (error types, class labels), capped so
/// memory and Prometheus label values stay bounded: past the cap, new strings count as "other".
/// </summary>
[GenerateSerializer, Alias("monitor.BoundedVocabulary")]
public sealed class BoundedVocabulary(int capacity)
{
    public const string Other = "other";

    [Id(0)] private readonly HashSet<string> _known = new();
    [Id(1)] private readonly int _capacity = capacity;

    public int Count => _known.Count;

    public bool IsFull => _known.Count >= _capacity;

    public string Admit(string value)
    {
        if (_known.Contains(value))
        {
            return value;
        }

        if (_known.Count >= _capacity)
        {
            return Other;
        }

        _known.Add(value);
        return value;
    }
}

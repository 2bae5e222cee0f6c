namespace Monitor.Grains.Outcomes;

/// <summary>
/// Names (classes, event types) numbered in first-seen order, capped: past the cap every new name
/// maps to one "other" entry, so confusion matrices and metric labels stay bounded.
/// </summary>
[GenerateSerializer, Alias("monitor.ClassVocabulary")]
public sealed class ClassVocabulary
{
    public const string Other = "other";

    [Id(0)] private readonly List<string> _names = [];
    [Id(1)] private readonly int _capacity;
    [Id(2)] private int _otherId = -1;

    // Rebuilt from the names after a load.
    [NonSerialized] private Dictionary<string, int>? _ids;
    [NonSerialized] private string? _lastName;
    [NonSerialized] private int _lastId;

    public ClassVocabulary(int capacity, params string[] seed)
    {
        _capacity = Math.Max(1, capacity) + seed.Length;
        foreach (var name in seed)
        {
            _names.Add(name);
        }
    }

    public int Count => _names.Count;

    public string NameOf(int id) => (uint)id < (uint)_names.Count ? _names[id] : Other;

    public IReadOnlyList<string> Names => _names;

    /// <summary>The id of the name, adding it while there is room; the "other" id once full.</summary>
    public int IdOf(string name)
    {
        // Names repeat in runs (the same interned string for a whole batch): compare the reference first.
        if (ReferenceEquals(name, _lastName))
        {
            return _lastId;
        }

        var ids = Ids();
        if (!ids.TryGetValue(name, out var id))
        {
            if (_names.Count < _capacity)
            {
                id = _names.Count;
                _names.Add(name);
                ids.Add(name, id);
            }
            else
            {
                id = OtherId();
            }
        }

        _lastName = name;
        _lastId = id;
        return id;
    }

    /// <summary>The id of a name already known, or -1.</summary>
    public int Find(string name) => Ids().TryGetValue(name, out var id) ? id : -1;

    private int OtherId()
    {
        if (_otherId < 0)
        {
            _otherId = _names.Count;
            _names.Add(Other);
            _ids![Other] = _otherId;
        }

        return _otherId;
    }

    private Dictionary<string, int> Ids()
    {
        if (_ids is null)
        {
            _ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _names.Count; i++)
            {
                _ids.TryAdd(_names[i], i);
            }
        }

        return _ids;
    }
}

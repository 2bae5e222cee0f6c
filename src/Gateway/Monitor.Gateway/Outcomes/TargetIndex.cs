namespace Monitor.Gateway.Outcomes;

/// <summary>
/// Numbers the targets of a request in first-seen order. Records of one request usually share one
/// target, so the last one is compared first (names come from the shared string cache, so mostly by
/// reference) before the lookup.
/// </summary>
internal sealed class TargetIndex
{
    private readonly Dictionary<OutcomeTarget, int> _ids = [];
    private readonly List<OutcomeTarget> _targets = [];
    private int _last = -1;

    public IReadOnlyList<OutcomeTarget> Targets => _targets;

    public int IdOf(string model, string? version)
    {
        if (_last >= 0)
        {
            var last = _targets[_last];
            if ((ReferenceEquals(last.Model, model) || last.Model == model) && (ReferenceEquals(last.Version, version) || last.Version == version))
            {
                return _last;
            }
        }

        var target = new OutcomeTarget(model, version);
        if (!_ids.TryGetValue(target, out var id))
        {
            id = _targets.Count;
            _targets.Add(target);
            _ids.Add(target, id);
        }

        _last = id;
        return id;
    }

    public void Clear()
    {
        _ids.Clear();
        _targets.Clear();
        _last = -1;
    }
}

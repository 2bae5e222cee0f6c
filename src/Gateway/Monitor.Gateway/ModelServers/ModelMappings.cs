using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Monitor.Grains.Drift;
using Monitor.Grains.ModelServers;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// The mapping each model's payloads are read with: the stored one (PUT /v1/models/{model}/mapping), else the
/// configured one (Monitor:ModelServers:Mappings), else the default. Kept for a few seconds per gateway so
/// the hot path asks the grain rarely; a PUT through this gateway takes effect at once.
/// </summary>
public sealed class ModelMappings
{
    // Model names come from events: the cache is dropped when it grows past this, never grown without bound.
    private const int MaxCached = 10_000;

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheTime;
    private readonly Dictionary<string, ModelMapping> _configured = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (ModelMapping Mapping, long ReadAtMs)> _cache = new(StringComparer.Ordinal);

    public ModelMappings(IGrainFactory grains, TimeProvider time, IOptions<ModelServerOptions> options)
    {
        _grains = grains;
        _time = time;
        _cacheTime = options.Value.MappingCacheTime;
        var problems = new List<FieldProblem>();
        foreach (var (model, document) in options.Value.Mappings)
        {
            if (MappingValidation.ToMapping(document, problems, $"{ModelServerOptions.Section}:Mappings:{model}.") is { } mapping)
            {
                _configured[model] = mapping;
            }
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(ModelServerOptions.Section, typeof(ModelServerOptions), problems.Select(p => $"{p.Field}: {p.Reason}"));
        }
    }

    public async ValueTask<ModelMapping> Get(string model)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_cache.TryGetValue(model, out var cached) && now - cached.ReadAtMs < _cacheTime.TotalMilliseconds)
        {
            return cached.Mapping;
        }

        var mapping = await _grains.GetGrain<IModelMappingGrain>(model).Get() ?? Configured(model);
        Remember(model, mapping, now);
        return mapping;
    }

    /// <summary>The stored mapping, or null with where the one in use comes from.</summary>
    public async Task<(ModelMapping Mapping, string Source)> Describe(string model)
    {
        if (await _grains.GetGrain<IModelMappingGrain>(model).Get() is { } stored)
        {
            return (stored, "stored");
        }

        return _configured.TryGetValue(model, out var configured) ? (configured, "configuration") : (ModelMapping.Default, "default");
    }

    public async Task Set(string model, ModelMapping mapping)
    {
        await _grains.GetGrain<IModelMappingGrain>(model).Set(mapping);
        Remember(model, mapping, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public async Task<bool> Clear(string model)
    {
        var cleared = await _grains.GetGrain<IModelMappingGrain>(model).Clear();
        _cache.TryRemove(model, out _);
        return cleared;
    }

    private ModelMapping Configured(string model) => _configured.TryGetValue(model, out var mapping) ? mapping : ModelMapping.Default;

    private void Remember(string model, ModelMapping mapping, long now)
    {
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[model] = (mapping, now);
    }
}

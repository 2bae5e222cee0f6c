using System.Globalization;
using System.Text.Json;
using Monitor.Grains.Alerting;

namespace Monitor.Gateway.Api.Alerting;

/// <summary>
/// Reads a JSON object field by field and remembers the first problem, naming the field and what was
/// wrong, so a bad request is answered with exactly what to fix. Unknown fields are refused (a typo in
/// a threshold's name must not pass silently).
/// </summary>
public sealed class FieldReader
{
    private readonly JsonElement _object;
    private readonly string _prefix;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public FieldReader(JsonElement element, string prefix = "")
    {
        _object = element;
        _prefix = prefix;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail("", "must be a JSON object");
        }
    }

    public FieldProblem? Problem { get; private set; }

    public bool Has(string name) => _object.ValueKind == JsonValueKind.Object && _object.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string name, bool required = false, int maxLength = 1024)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(name, "must be a string");
        }

        var text = value.GetString()!;
        if (required && text.Length == 0)
        {
            return Fail<string>(name, "must not be empty");
        }

        return text.Length > maxLength ? Fail<string>(name, $"must be at most {maxLength} characters") : text;
    }

    public double? Number(string name, bool required = false)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : Fail<double>(name, "must be a finite number");
    }

    public long? Whole(string name, long min, long max)
    {
        if (!Get(name, false, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max
            ? number
            : Fail<long>(name, $"must be a whole number from {min} to {max}");
    }

    public bool? Bool(string name)
    {
        if (!Get(name, false, out var value))
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : Fail<bool>(name, "must be true or false");
    }

    /// <summary>A duration as Prometheus writes it ("30s", "5m", "1h30m") or a number of seconds.</summary>
    public TimeSpan? Duration(string name, bool required = false)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds >= 0 && seconds < 1e9)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return value.ValueKind == JsonValueKind.String && Durations.TryParse(value.GetString()!, out var span)
            ? span
            : Fail<TimeSpan>(name, "must be a duration such as \"30s\", \"5m\" or \"1h30m\" (or a number of seconds)");
    }

    public DateTimeOffset? Time(string name, bool required = false)
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : Fail<DateTimeOffset>(name, "must be an RFC 3339 time such as 2026-11-24T10:00:00Z");
    }

    public Dictionary<string, string>? Map(string name)
    {
        if (!Get(name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return Fail<Dictionary<string, string>>(name, "must be an object of strings");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return Fail<Dictionary<string, string>>($"{name}.{property.Name}", "must be a string");
            }

            map[property.Name] = property.Value.GetString()!;
        }

        return map;
    }

    public string[]? Strings(string name)
    {
        if (!Get(name, false, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return Fail<string[]>(name, "must be an array of strings");
        }

        return [.. value.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>An array of objects, each read by <paramref name="read"/> with its own field prefix.</summary>
    public T[]? Objects<T>(string name, Func<FieldReader, T?> read, bool required = false)
        where T : class
    {
        if (!Get(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Fail<T[]>(name, "must be an array");
        }

        var items = new List<T>();
        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            var reader = new FieldReader(element, $"{_prefix}{name}[{i++}].");
            var item = read(reader);
            if (reader.Problem is { } problem)
            {
                Problem ??= problem;
                return null;
            }

            items.Add(item!);
        }

        return [.. items];
    }

    public T? Object<T>(string name, Func<FieldReader, T?> read)
        where T : class
    {
        if (!Get(name, false, out var value))
        {
            return null;
        }

        var reader = new FieldReader(value, $"{_prefix}{name}.");
        var item = read(reader);
        Problem ??= reader.Problem;
        return item;
    }

    /// <summary>Refuses fields that were never asked for.</summary>
    public void RefuseUnknown()
    {
        if (Problem is not null || _object.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in _object.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
            {
                Fail(property.Name, $"unknown field; known: {string.Join(", ", _known.Order(StringComparer.Ordinal))}");
                return;
            }

            // JSON parsers disagree on which of two equal keys wins, so neither is guessed at.
            if (!seen.Add(property.Name))
            {
                Fail(property.Name, "appears more than once; give it once");
                return;
            }
        }
    }

    public void Fail(string name, string reason) => Problem ??= new FieldProblem(_prefix + name, reason);

    private T? Fail<T>(string name, string reason)
    {
        Fail(name, reason);
        return default;
    }

    private bool Get(string name, bool required, out JsonElement value)
    {
        _known.Add(name);
        value = default;
        if (_object.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (_object.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Fail(name, "is required");
        }

        return false;
    }
}

using Monitor.Grains.Drift;

namespace Monitor.Gateway.References;

/// <summary>Feature types declared by the caller (query <c>categorical=a,b&amp;numeric=c</c>, or a JSON body's <c>types</c>).</summary>
public static class DeclaredTypes
{
    /// <summary>Reads the query's lists into <paramref name="types"/>; false (with a problem) when a name is in both.</summary>
    public static bool TryRead(string? categorical, string? numeric, Dictionary<string, FeatureType> types, List<FieldProblem> problems)
    {
        foreach (var name in Split(categorical))
        {
            types[name] = FeatureType.Categorical;
        }

        foreach (var name in Split(numeric))
        {
            if (types.TryGetValue(name, out var other) && other == FeatureType.Categorical)
            {
                problems.Add(new FieldProblem("numeric", $"'{name}' is declared both numeric and categorical"));
                continue;
            }

            types[name] = FeatureType.Numeric;
        }

        return problems.Count == 0;
    }

    public static bool TryParse(string? text, out FeatureType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "numeric" or "number" or "numerical":
                type = FeatureType.Numeric;
                return true;
            case "categorical" or "category" or "string":
                type = FeatureType.Categorical;
                return true;
            default:
                type = default;
                return false;
        }
    }

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

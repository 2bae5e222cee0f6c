using Monitor.Grains.Drift;

namespace Monitor.Grains.Segments;

/// <summary>Checks a version's segment settings, naming each problem by its field.</summary>
public static class SegmentSettingsRules
{
    public const int MaxKeyLength = 128;

    public static IReadOnlyList<FieldProblem> Check(SegmentSettings settings, SegmentOptions options)
    {
        var problems = new List<FieldProblem>();
        if (settings.Keys.Count > options.MaxKeys)
        {
            problems.Add(new FieldProblem("keys", $"at most {options.MaxKeys} segment keys (Monitor:Segments:MaxKeys), got {settings.Keys.Count}"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < settings.Keys.Count; i++)
        {
            var key = settings.Keys[i];
            var field = $"keys[{i}]";
            if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.Any(char.IsControl))
            {
                problems.Add(new FieldProblem(field, $"a segment key is a feature or tag name of 1 to {MaxKeyLength} characters without control characters"));
            }
            else if (key.Contains(':', StringComparison.Ordinal))
            {
                problems.Add(new FieldProblem(field, $"'{key}' holds a colon; a segment is named key:value, so a key cannot hold one"));
            }
            else if (!seen.Add(key))
            {
                problems.Add(new FieldProblem(field, $"'{key}' is listed twice"));
            }
        }

        if (settings.TopK < 1 || settings.TopK > options.MaxTopK)
        {
            problems.Add(new FieldProblem("top_k", $"must be a whole number from 1 to {options.MaxTopK} (Monitor:Segments:MaxTopK), got {settings.TopK}"));
        }

        return problems;
    }
}

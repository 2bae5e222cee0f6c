using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Monitor.Gateway.Api.Documents;

/// <summary>
/// Turns a <see cref="JsonException"/> from reading a document into the field it names
/// (<c>$.routes[0].matchers[0].value</c> is <c>routes[0].matchers[0].value</c>) and a reason a person can
/// act on, found from the document type's own metadata.
/// </summary>
internal static partial class JsonRefusal
{
    public static (string Field, string Reason) Explain(JsonException e, Type root, JsonSerializerOptions options)
    {
        var path = Segments(e.Path);
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var parent = path.Length == 0 ? root : TypeAt(root, path[..^1], options);
            var known = parent is null ? [] : options.GetTypeInfo(parent).Properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
            return (Problems.Shown(Field(path)), $"unknown field; known: {string.Join(", ", known)}");
        }

        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            return (Problems.Shown(Field(path)), "appears more than once; give it once");
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            return (Field([.. path, new PathSegment(missing.Groups[1].Value, null)]), "is required");
        }

        if (message.Contains("doesn't allow setting null", StringComparison.Ordinal))
        {
            return (Field(path), "is required");
        }

        return path.Length == 0 ? ("body", "must be a JSON object") : (Field(path), Expected(TypeAt(root, path, options), options));
    }

    /// <summary>What a value of <paramref name="type"/> must be, in the words a refusal uses.</summary>
    private static string Expected(Type? type, JsonSerializerOptions options)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "must be a string";
        }

        if (t == typeof(double))
        {
            return "must be a finite number";
        }

        if (t == typeof(int) || t == typeof(long))
        {
            return "must be a whole number";
        }

        if (t == typeof(bool))
        {
            return "must be true or false";
        }

        if (t == typeof(TimeSpan))
        {
            return DurationConverter.Expected;
        }

        if (t == typeof(DateTimeOffset))
        {
            return TimeConverter.Expected;
        }

        return t is null ? "has a value of the wrong type" : options.GetTypeInfo(t) switch
        {
            { Kind: JsonTypeInfoKind.Dictionary, ElementType: var e } when e == typeof(string) => "must be an object of strings",
            { Kind: JsonTypeInfoKind.Enumerable, ElementType: var e } when e == typeof(string) => "must be an array of strings",
            { Kind: JsonTypeInfoKind.Enumerable } => "must be an array",
            _ => "must be a JSON object",
        };
    }

    private static Type? TypeAt(Type root, ReadOnlySpan<PathSegment> path, JsonSerializerOptions options)
    {
        Type? type = root;
        foreach (var segment in path)
        {
            var info = options.GetTypeInfo(type!);
            type = segment.Index is not null || info.Kind == JsonTypeInfoKind.Dictionary
                ? info.ElementType
                : info.Properties.FirstOrDefault(p => p.Name == segment.Name)?.PropertyType;
            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    private static string Field(ReadOnlySpan<PathSegment> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Index is { } index)
            {
                text.Append('[').Append(index).Append(']');
            }
            else
            {
                text.Append(text.Length > 0 ? "." : "").Append(segment.Name);
            }
        }

        return text.ToString();
    }

    private static PathSegment[] Segments(string? path) =>
        path is null ? [] : [.. Segment().Matches(path).Select(m => m.Groups[3].Success
            ? new PathSegment(null, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))
            : new PathSegment(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value.Replace("''", "'", StringComparison.Ordinal), null))];

    private readonly record struct PathSegment(string? Name, int? Index);

    [GeneratedRegex(@"\.([^.\[]+)|\['((?:[^']|'')*)'\]|\[(\d+)\]")]
    private static partial Regex Segment();

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingRequired();
}

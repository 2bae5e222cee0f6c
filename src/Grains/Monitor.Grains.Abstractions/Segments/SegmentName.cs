namespace Monitor.Grains.Segments;

/// <summary>
/// One segment: a key and one of its values ("country:DE"), or the key's remaining traffic ("country:other").
/// The text form splits at the first colon, so a value may hold colons itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("monitor.SegmentName")]
public sealed record SegmentName(
    [property: Id(0)] string Key,
    [property: Id(1)] string Value)
{
    /// <summary>The value naming a key's traffic outside its top K values.</summary>
    public const string Other = "other";

    public bool IsOther => Value == Other;

    public override string ToString() => $"{Key}:{Value}";

    /// <summary>Reads "key:value"; null when there is no colon or either side is empty.</summary>
    public static SegmentName? Parse(string? text)
    {
        var colon = text?.IndexOf(':') ?? -1;
        return colon > 0 && colon < text!.Length - 1 ? new SegmentName(text[..colon], text[(colon + 1)..]) : null;
    }
}

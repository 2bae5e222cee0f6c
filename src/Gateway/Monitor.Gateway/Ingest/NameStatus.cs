namespace Monitor.Gateway.Ingest;

/// <summary>The verdict on an interned feature name, computed once per request per distinct name.</summary>
internal static class NameStatus
{
    public const byte Valid = 0;
    public const byte InvalidUtf8 = 1;
    public const byte Empty = 2;
    public const byte TooLong = 3;
    public const byte NotPrintable = 4;

    public static byte Of(string? name, int maxLength) => name switch
    {
        null => InvalidUtf8,
        { Length: 0 } => Empty,
        { Length: var n } when n > maxLength => TooLong,
        _ when !CharRules.IsPrintable(name) => NotPrintable,
        _ => Valid,
    };
}

using System.Buffers;
using System.Text.Json;

namespace Monitor.Gateway.Api;

/// <summary>
/// Checks every JSON and CSV body shares: a UTF-8 byte order mark is skipped (editors on Windows write one),
/// bytes that are not UTF-8 are refused with their position, and JSON that does not parse is refused
/// naming the body rather than the property it broke off in.
/// </summary>
public static class BodyText
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> body) => body.StartsWith(Bom) ? body[Bom.Length..] : body;

    public static ReadOnlySequence<byte> WithoutBom(ReadOnlySequence<byte> body)
    {
        if (body.Length < Bom.Length)
        {
            return body;
        }

        Span<byte> start = stackalloc byte[3];
        body.Slice(0, 3).CopyTo(start);
        return start.SequenceEqual(Bom) ? body.Slice(3) : body;
    }

    /// <summary>Null when the body is UTF-8; otherwise why not, for the "body" field.</summary>
    public static string? Utf8Problem(ReadOnlySpan<byte> body)
    {
        if (System.Text.Unicode.Utf8.IsValid(body))
        {
            return null;
        }

        Span<char> chars = stackalloc char[256];
        var offset = 0;
        while (offset < body.Length)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(body[offset..], chars, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }

        return $"is not valid UTF-8 (byte {offset:N0}); send UTF-8 text";
    }

    /// <summary>Null when the body is one well-formed JSON value; otherwise why not, for the "body" field.</summary>
    public static string? JsonProblem(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                return "is empty; send a JSON object";
            }

            reader.Skip();
            return reader.Read() ? $"holds more than one JSON value (byte {reader.TokenStartIndex:N0})" : null;
        }
        catch (JsonException e)
        {
            return $"is not valid JSON (byte {reader.BytesConsumed:N0}: {e.Message.Split(". ")[0].TrimEnd('.')})";
        }
    }
}

using System.Text.Json;

namespace Monitor.Gateway.Ingest;

/// <summary>
/// Unescapes JSON strings into one reused buffer: most values carry no escapes and are read in place,
/// the rest are copied here instead of into a new array each.
/// </summary>
internal sealed class UnescapeBuffer
{
    private byte[] _scratch = new byte[256];

    public int Length => _scratch.Length;

    /// <summary>The string value at the reader as unescaped UTF-8; false on an unpaired surrogate escape.</summary>
    public bool TryUnescape(ref Utf8JsonReader reader, out ReadOnlySpan<byte> value)
    {
        if (!reader.ValueIsEscaped)
        {
            value = reader.ValueSpan;
            return true;
        }

        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        try
        {
            var written = reader.CopyString(_scratch);
            value = _scratch.AsSpan(0, written);
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }
}

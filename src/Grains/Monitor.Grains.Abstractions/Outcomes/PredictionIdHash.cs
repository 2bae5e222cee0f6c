using System.IO.Hashing;
using System.Text;

namespace Monitor.Grains.Outcomes;

/// <summary>
/// The key by which labels and business events find their prediction: the 64-bit XxHash3 of the
/// id's UTF-8 bytes. Gateways hash a label's id straight from the request bytes; a version hashes
/// the ids of its predictions the same way, so no id string has to be kept or sent. Two distinct
/// ids share a key with a probability of about n²/2⁶⁵ (3·10⁻⁸ for a million held ids).
/// </summary>
public static class PredictionIdHash
{
    /// <summary>The key of "no id"; a real id never hashes to it.</summary>
    public const ulong None = 0;

    public static ulong Of(ReadOnlySpan<byte> utf8)
    {
        var hash = XxHash3.HashToUInt64(utf8);
        return hash == None ? 1 : hash;
    }

    public static ulong Of(string id)
    {
        // Ids are at most a few hundred UTF-8 bytes (the ingest limit is 128 characters).
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (max <= 1024)
        {
            Span<byte> buffer = stackalloc byte[max];
            var written = Encoding.UTF8.GetBytes(id, buffer);
            return Of(buffer[..written]);
        }

        return Of(Encoding.UTF8.GetBytes(id));
    }
}

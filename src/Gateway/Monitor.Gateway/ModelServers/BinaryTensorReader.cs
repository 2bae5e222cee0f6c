using System.Buffers.Binary;
using System.Text;

namespace Monitor.Gateway.ModelServers;

/// <summary>
/// Decodes the Open Inference Protocol binary tensor extension: after the JSON header come the raw
/// bytes of each tensor whose parameters give binary_data_size, in the order of the tensors,
/// little-endian; BYTES elements are each a 4-byte length and that many bytes.
/// </summary>
internal static class BinaryTensorReader
{
    public static int ElementSize(string datatype, string path) => datatype switch
    {
        "BOOL" or "UINT8" or "INT8" => 1,
        "UINT16" or "INT16" or "FP16" or "BF16" => 2,
        "UINT32" or "INT32" or "FP32" => 4,
        "UINT64" or "INT64" or "FP64" => 8,
        "BYTES" => 0,
        _ => throw new PayloadException(path + ".datatype", $"'{datatype}' is not an Open Inference Protocol datatype (BOOL, UINT8..UINT64, INT8..INT64, FP16, BF16, FP32, FP64, BYTES)"),
    };

    public static void Decode(ReadOnlySpan<byte> bytes, string datatype, long elements, TensorValues values, string path)
    {
        if (datatype == "BYTES")
        {
            DecodeBytes(bytes, elements, values, path);
            return;
        }

        var size = ElementSize(datatype, path);
        if (bytes.Length != elements * size)
        {
            throw new PayloadException(path + ".parameters.binary_data_size", $"{bytes.Length} bytes do not hold {elements} {datatype} values of {size} bytes each");
        }

        for (var i = 0; i < elements; i++)
        {
            var e = bytes.Slice(i * size, size);
            values.AddNumber(datatype switch
            {
                "BOOL" => e[0] == 0 ? 0 : 1,
                "UINT8" => e[0],
                "INT8" => (sbyte)e[0],
                "UINT16" => BinaryPrimitives.ReadUInt16LittleEndian(e),
                "INT16" => BinaryPrimitives.ReadInt16LittleEndian(e),
                "FP16" => (double)BinaryPrimitives.ReadHalfLittleEndian(e),
                "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(e) << 16),
                "UINT32" => BinaryPrimitives.ReadUInt32LittleEndian(e),
                "INT32" => BinaryPrimitives.ReadInt32LittleEndian(e),
                "FP32" => BinaryPrimitives.ReadSingleLittleEndian(e),
                "UINT64" => BinaryPrimitives.ReadUInt64LittleEndian(e),
                "INT64" => BinaryPrimitives.ReadInt64LittleEndian(e),
                _ => BinaryPrimitives.ReadDoubleLittleEndian(e),
            }, path);
        }
    }

    private static void DecodeBytes(ReadOnlySpan<byte> bytes, long elements, TensorValues values, string path)
    {
        var strict = new UTF8Encoding(false, true);
        var at = 0;
        for (var i = 0; i < elements; i++)
        {
            if (bytes.Length - at < 4)
            {
                throw new PayloadException(path + ".parameters.binary_data_size", $"the binary data ends inside BYTES element {i} of {elements}");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
            at += 4;
            if (length > bytes.Length - at)
            {
                throw new PayloadException(path + ".parameters.binary_data_size", $"BYTES element {i} claims {length} bytes but only {bytes.Length - at} remain");
            }

            try
            {
                values.AddText(strict.GetString(bytes.Slice(at, (int)length)), path);
            }
            catch (DecoderFallbackException)
            {
                // Raw bytes (an image, a blob) are no feature value Monitor can summarise.
                values.AddNull(path);
            }

            at += (int)length;
        }

        if (at != bytes.Length)
        {
            throw new PayloadException(path + ".parameters.binary_data_size", $"{bytes.Length - at} bytes are left after the {elements} BYTES elements");
        }
    }
}

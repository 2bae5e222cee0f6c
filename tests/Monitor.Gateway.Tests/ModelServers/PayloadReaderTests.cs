using System.Text;
using Monitor.Gateway.ModelServers;
using Monitor.Grains.Ingest;

namespace Monitor.Gateway.Tests.ModelServers;

public sealed class PayloadReaderTests
{
    private static readonly PayloadLimits Limits = PayloadLimits.Default;

    private static InferencePayload Read(string json, bool response = false) =>
        InferencePayloadReader.Read(Encoding.UTF8.GetBytes(json), response, null, Limits);

    [Fact]
    public void V2_data_flat_or_nested_reads_row_major_into_rows_of_the_shape()
    {
        var flat = Read("""{"inputs": [{"name": "x", "shape": [2, 3], "datatype": "INT32", "data": [1, 2, 3, 4, 5, 6]}]}""").Tensors[0];
        var nested = Read("""{"inputs": [{"name": "x", "shape": [2, 3], "datatype": "INT32", "data": [[1, 2, 3], [4, 5, 6]]}]}""").Tensors[0];
        foreach (var t in new[] { flat, nested })
        {
            Assert.Equal((2, 3), (t.Rows, t.Width));
            Assert.Equal(6, t.Numbers[t.Index(1, 2)]);
            Assert.Equal(2, t.Numbers[t.Index(0, 1)]);
        }
    }

    [Fact]
    public void V2_bytes_are_text_and_bools_are_zero_or_one_and_a_wrong_count_names_the_data()
    {
        var payload = Read("""{"inputs": [{"name": "s", "shape": [2], "datatype": "BYTES", "data": ["a", "b"]}, {"name": "b", "shape": [2], "datatype": "BOOL", "data": [true, false]}]}""");
        Assert.Equal("b", payload.Tensors[0].Texts![1]);
        Assert.Equal(FeatureValueKind.Text, payload.Tensors[0].Kinds[0]);
        Assert.Equal([1.0, 0.0], payload.Tensors[1].Numbers);

        var ex = Assert.Throws<PayloadException>(() => Read("""{"inputs": [{"name": "x", "shape": [3, 2], "datatype": "FP32", "data": [1, 2]}]}"""));
        Assert.Equal("inputs[0].data", ex.Field);
        Assert.Throws<PayloadException>(() => Read("""{"inputs": [{"name": "x", "shape": [2], "datatype": "FP128", "data": [1, 2]}]}"""));
        Assert.Equal("inputs[0].shape", Assert.Throws<PayloadException>(() => Read("""{"inputs": [{"name": "x", "shape": [-1], "datatype": "FP32", "data": []}]}""")).Field);
        Assert.Equal("inputs[0].shape", Assert.Throws<PayloadException>(() => Read("""{"inputs": [{"name": "x", "shape": [100000, 100000], "datatype": "FP32", "data": []}]}""")).Field);
        Assert.Equal("inputs[0].shape", Assert.Throws<PayloadException>(() => Read("""{"inputs": [{"name": "x", "shape": [10000000000, 0], "datatype": "FP32", "data": []}]}""")).Field);
        var huge = Read("""{"instances": [[1e400, -1e400, 2]]}""").Tensors[0];
        Assert.Equal([FeatureValueKind.Null, FeatureValueKind.Null, FeatureValueKind.Number], huge.Kinds);
    }

    [Fact]
    public void Binary_tensors_follow_the_json_header_in_tensor_order()
    {
        var header = """{"outputs": [{"name": "a", "shape": [2], "datatype": "INT64", "parameters": {"binary_data_size": 16}}, {"name": "t", "shape": [2], "datatype": "BYTES", "parameters": {"binary_data_size": 11}}, {"name": "h", "shape": [1], "datatype": "FP16", "parameters": {"binary_data_size": 2}}]}""";
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(header));
        bytes.AddRange(BitConverter.GetBytes(-7L));
        bytes.AddRange(BitConverter.GetBytes(42L));
        bytes.AddRange(BitConverter.GetBytes(2));
        bytes.AddRange("hi"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes(1));
        bytes.Add((byte)'x');
        bytes.AddRange(BitConverter.GetBytes((Half)1.5));

        foreach (int? length in new int?[] { null, Encoding.UTF8.GetByteCount(header) })
        {
            var payload = InferencePayloadReader.Read(bytes.ToArray(), response: true, length, Limits);
            Assert.Equal([-7.0, 42.0], payload.Tensors[0].Numbers);
            Assert.Equal(["hi", "x"], payload.Tensors[1].Texts!.Select(t => t!));
            Assert.Equal(1.5, payload.Tensors[2].Numbers[0]);
        }

        var extra = bytes.Concat(new byte[] { 1, 2 }).ToArray();
        Assert.Contains("follow the last binary tensor", Assert.Throws<PayloadException>(() => InferencePayloadReader.Read(extra, true, null, Limits)).Reason);
        var withoutSizes = Encoding.UTF8.GetBytes("""{"instances": [[1]]}""").Concat(new byte[] { 0, 1 }).ToArray();
        Assert.Throws<PayloadException>(() => InferencePayloadReader.Read(withoutSizes, false, null, Limits));
        Assert.Equal("Inference-Header-Content-Length", Assert.Throws<PayloadException>(() => InferencePayloadReader.Read(bytes.ToArray(), true, 100_000, Limits)).Field);
    }

    [Fact]
    public void V1_rows_of_arrays_objects_or_columns_become_tensors()
    {
        var arrays = Read("""{"instances": [[1, 2], [3, 4]]}""").Tensors.Single();
        Assert.Equal((2, 2), (arrays.Rows, arrays.Width));

        var objects = Read("""{"instances": [{"age": 30, "city": "Oslo"}, {"age": 41}]}""").Tensors;
        Assert.Equal(["age", "city"], objects.Select(t => t.Name));
        Assert.Equal(FeatureValueKind.Null, objects[1].Kinds[1]);

        var columns = Read("""{"inputs": {"a": [1, 2, 3], "b": ["x", "y", "z"]}}""").Tensors;
        Assert.Equal(3, columns[1].Rows);
        Assert.Equal("z", columns[1].Texts![2]);

        Assert.Equal("instances[1]", Assert.Throws<PayloadException>(() => Read("""{"instances": [[1, 2], [3]]}""")).Field);
        Assert.Equal("body", Assert.Throws<PayloadException>(() => Read("""{"nothing": 1}""")).Field);
        Assert.Equal("body", Assert.Throws<PayloadException>(() => Read("""[1, 2]""")).Field);
    }

    [Fact]
    public void Seldon_ndarray_and_tensor_keep_their_names_when_they_match_the_width()
    {
        var ndarray = Read("""{"data": {"names": ["a", "b"], "ndarray": [[1, 2], [3, 4]]}}""").Tensors.Single();
        Assert.Equal(["a", "b"], ndarray.ColumnNames!);
        var tensor = Read("""{"meta": {"puid": "p1"}, "data": {"names": ["t:0", "t:1", "t:2"], "tensor": {"shape": [1, 3], "values": [0.1, 0.2, 0.7]}}}""", response: true);
        Assert.Equal("p1", tensor.Id);
        Assert.Equal(3, tensor.Tensors[0].Width);
        Assert.Equal("data.tensor.values", Assert.Throws<PayloadException>(() => Read("""{"data": {"tensor": {"shape": [2, 2], "values": [1]}}}""")).Field);
    }
}
